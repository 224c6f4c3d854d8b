import DescentCore

/// Shows the race the options describe. For now: runs it headless and prints the summary table
/// (the ncurses visualizer replaces this function).
public func runVisualizer(options: RaceOptions) throws {
    var race = try options.makeRace()
    race.runToEnd()
    var out = Output()
    RaceReport.writeTable(race, to: &out)
    out.flush()
}
