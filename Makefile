# descent: build the self-contained release binary and install it with its man page and shell completions.
#   make                        build .build/release/descent
#   make install PREFIX=DIR     install under DIR (default /usr/local): bin/, share/man/man1/, completions
#   make uninstall PREFIX=DIR   remove what install put there
#   make man                    regenerate man/descent.1 from the command definitions

PREFIX ?= /usr/local
DESTDIR ?=
BIN := .build/release/descent
ROOT := $(DESTDIR)$(PREFIX)

.PHONY: all install uninstall man

all: $(BIN)

$(BIN): Package.swift $(shell find Sources scenarios -type f)
	swift build -c release

install: $(BIN)
	install -d "$(ROOT)/bin" "$(ROOT)/share/man/man1" "$(ROOT)/share/bash-completion/completions" \
		"$(ROOT)/share/zsh/site-functions" "$(ROOT)/share/fish/vendor_completions.d"
	install -m 755 $(BIN) "$(ROOT)/bin/descent"
	install -m 644 man/descent.1 "$(ROOT)/share/man/man1/descent.1"
	$(BIN) --generate-completion-script bash > "$(ROOT)/share/bash-completion/completions/descent"
	$(BIN) --generate-completion-script zsh > "$(ROOT)/share/zsh/site-functions/_descent"
	$(BIN) --generate-completion-script fish > "$(ROOT)/share/fish/vendor_completions.d/descent.fish"

uninstall:
	rm -f "$(ROOT)/bin/descent" "$(ROOT)/share/man/man1/descent.1" "$(ROOT)/share/bash-completion/completions/descent" \
		"$(ROOT)/share/zsh/site-functions/_descent" "$(ROOT)/share/fish/vendor_completions.d/descent.fish"

man:
	mkdir -p man
	swift package --allow-writing-to-directory man generate-manual --output-directory man --authors "the descent authors"
