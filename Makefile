# Makefile: build, test and benchmark Reach
#
#   make            build build/reach
#   make check      every test: unit and CLI tests under AddressSanitizer and
#                   UndefinedBehaviorSanitizer, plus the lint
#   make bench      the benchmarks (writes figures for docs/performance.md)
#   make CC=clang   the same with clang

CC ?= cc
O ?= build
SANITIZE ?=
PKGS = sqlite3 libmicrohttpd libsodium cairo pangocairo xlsxwriter fontconfig gsl
CHECK_PKGS = check

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat-security \
       -Wvla -Wmissing-prototypes -Wno-unused-parameter
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
             $(shell pkg-config --cflags $(PKGS))
LIBS = $(shell pkg-config --libs $(PKGS)) -lm -lpthread
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif

LIB_SRC = $(filter-out src/cli/%,$(wildcard src/*/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o)
# files compiled into the program by scripts/embed-assets: govuk-frontend's
# built CSS and JS and the image its CSS refers to, Reach's own CSS and JS,
# and the translations. --system-fonts swaps GDS Transport (GOV.UK sites
# only) for the system font stack, so the CSS refers to no font file.
GOVUK = node_modules/govuk-frontend/dist/govuk
EMBED = /assets/govuk-frontend.min.css=$(GOVUK)/govuk-frontend.min.css \
        /assets/govuk-frontend.min.js=$(GOVUK)/govuk-frontend.min.js \
        /assets/images/govuk-crest.svg=$(GOVUK)/assets/images/govuk-crest.svg \
        /assets/reach.css=assets/reach.css \
        /assets/pack.css=assets/pack.css \
        /assets/reach.js=assets/reach.js \
        data/name_variants.csv=data/name_variants.csv \
        $(foreach f,$(wildcard i18n/*.txt),$(f)=$(f))
EMBED_FILES = $(foreach e,$(EMBED),$(lastword $(subst =, ,$(e))))
LIB_OBJ += $(O)/gen/assets.o

CLI_OBJ = $(patsubst %.c,$(O)/%.o,$(wildcard src/cli/*.c))
TEST_SRC = $(wildcard tests/unit/*.c)
TEST_BIN = $(TEST_SRC:%.c=$(O)/%)

.PHONY: all check test unit-tests lint bench clean install-deps
all: $(O)/reach

$(O)/%.o: %.c $(wildcard src/*/*.h) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(O)/gen/assets.c: scripts/embed-assets $(EMBED_FILES)
	@mkdir -p $(dir $@)
	sh scripts/embed-assets --system-fonts -o $@ $(EMBED)

$(O)/gen/assets.o: $(O)/gen/assets.c src/web/assets.h
	$(CC) $(ALL_CFLAGS) -I. -c $< -o $@

$(O)/libreach.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(O)/reach: $(CLI_OBJ) $(O)/libreach.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# one executable per module test, so each runs (and fails) on its own
$(O)/tests/unit/%: $(O)/tests/unit/%.o $(O)/libreach.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(shell pkg-config --libs $(CHECK_PKGS))

unit-tests: $(TEST_BIN)

$(O)/tests/unit/%.o: ALL_CFLAGS += $(shell pkg-config --cflags $(CHECK_PKGS)) -Wno-missing-prototypes

# the whole suite, under the sanitizers, ending with one pass/fail line
check:
	$(MAKE) --no-print-directory O=build/san SANITIZE=address,undefined CFLAGS="-O1 -g" build/san/reach unit-tests
	$(MAKE) --no-print-directory all
	$(MAKE) --no-print-directory O=build/clang CC=clang all
	@sh scripts/lint
	@sh tests/run build/san

# the same without sanitizers, for a quick loop
test: $(O)/reach $(TEST_BIN)
	@sh tests/run $(O)

lint:
	@sh scripts/lint

$(O)/bench-scan: $(O)/bench/scan.o $(O)/libreach.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(O)/bench-onspd-gen: $(O)/bench/onspd/gen.o $(O)/libreach.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

bench: all $(O)/bench-scan $(O)/bench-onspd-gen
	@sh bench/run

clean:
	rm -rf build

.SECONDARY:
