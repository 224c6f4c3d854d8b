import DescentCLI

await DescentCommand.runFromCommandLine()
