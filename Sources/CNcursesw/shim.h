#ifndef DESCENT_NCURSES_SHIM_H
#define DESCENT_NCURSES_SHIM_H
// The wide-character API (cchar_t, setcchar, mvwadd_wch, wget_wch) needs NCURSES_WIDECHAR.
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <stdio.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Accessors for what Swift cannot import: globals (shared mutable state in Swift 6) and the attribute and
// mouse-mask macros built with NCURSES_BITS. Values come from the header, never hard-coded.

static inline WINDOW *descent_stdscr(void) { return stdscr; }
static inline int descent_color_pairs(void) { return COLOR_PAIRS; }
static inline int descent_colors(void) { return COLORS; }
static inline FILE *descent_stdin(void) { return stdin; }
static inline FILE *descent_stdout(void) { return stdout; }

static inline attr_t descent_attr_bold(void) { return WA_BOLD; }
static inline attr_t descent_attr_reverse(void) { return WA_REVERSE; }
static inline attr_t descent_attr_dim(void) { return WA_DIM; }
static inline attr_t descent_attr_underline(void) { return WA_UNDERLINE; }

/// Columns a character takes on the terminal (glibc's wcwidth, hidden from Swift without _XOPEN_SOURCE).
extern int wcwidth(wchar_t);
static inline int descent_wcwidth(wchar_t character) { return wcwidth(character); }

static inline mmask_t descent_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t descent_button1_clicked(void) { return BUTTON1_CLICKED; }
/// The wheel: button 4 is a turn away from the person (up), button 5 toward (down).
static inline mmask_t descent_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t descent_wheel_down(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}

/// What the terminfo entry `name` (NULL: $TERM) offers, without starting curses or writing anything:
/// -1 unknown or no entry, 0 no cursor addressing (`cup`), else 1 + the number of colours (`colors`, 0 if none).
static inline int descent_probe_terminal(const char *name, int fd) {
    TERMINAL *previous = cur_term;
    int status = 0;
    if (setupterm(name, fd, &status) != OK || status != 1) {
        set_curterm(previous);
        return -1;
    }
    char *cursorAddress = tigetstr("cup");
    int colors = tigetnum("colors");
    del_curterm(set_curterm(previous));
    if (cursorAddress == NULL || cursorAddress == (char *)-1) {
        return 0;
    }
    return 1 + (colors > 0 ? colors : 0);
}

#endif
