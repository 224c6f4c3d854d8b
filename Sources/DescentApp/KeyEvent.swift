/// One input event, as the terminal shell decodes it (independent of ncurses).
public enum KeyEvent: Equatable, Sendable {
    /// A printable character, including space.
    case character(Character)
    case tab
    case backTab
    case enter
    case escape
    case backspace
    case up, down, left, right
    /// A click of the first mouse button at a 0-based screen cell.
    case mouseClick(column: Int, row: Int)
    /// A turn of the mouse wheel (up: away from the person) with the pointer at a 0-based screen cell.
    case mouseWheel(up: Bool, column: Int, row: Int)
    /// The terminal now has this many columns and rows.
    case resize(width: Int, height: Int)
}
