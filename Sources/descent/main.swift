import DescentCLI

DescentCommand.runFromCommandLine()
