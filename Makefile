# rollout - build, test, demo, install.
#
#   make            libraries (build/librollout.a, build/librollout.so.VERSION)
#                   and the program (build/rollout)
#   make check      unit tests (Check) and command-line tests, two at a time
#                   (UNIT_JOBS, CLI_JOBS)
#   make demo       plan the bundled examples (installs missing packages as root)
#   make install    PREFIX=/usr/local DESTDIR= (program, static and shared
#                   library, include/rollout/rollout.h, rollout.pc,
#                   schemas, man page)
#   make unit       the unit tests only; CK_RUN_SUITE=x for one suite
#   make clitest    the command-line tests (tests/cli/t*.sh) only
#   make layers     check that includes point down the layers only
#   make asan       everything with AddressSanitizer + UBSan in $(B)-asan,
#                   then check
#   make valgrind   the unit tests (CK_FORK=no) and the command-line tests
#                   under valgrind
#   make fuzz       the libFuzzer harnesses fuzz/fuzz_*.c, FUZZ_TIME s each
#                   (fuzz-ci: 60 s each; docs/reliability.md)
#   V=1             show full command lines
#   B=dir           build directory (default build)
#   CI=true         warnings are errors (also WERROR=1), and the command-line
#                   tests that need GNU parallel, chromium, groff or script(1)
#                   fail without them instead of skipping (.ci/run installs
#                   them)
#
# Modules are found by wildcard: a new model/, io/, solver/, orch/ or cli/
# file, or a tests/test_*.c suite, needs no edit here.  The layers point one
# way (model <- io, solver <- orch <- cli); make check enforces it
# (tests/layers.sh).

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
INCDIR = $(PREFIX)/include
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/rollout

# The shared library: librollout.so.VERSION, its soname librollout.so.SOVERSION
# and the link-time name librollout.so.  Bump SOVERSION on any incompatible
# change of include/rollout.h (a removed or changed function or struct).
VERSION := $(shell sed -n 's/^\#define RO_VERSION "\(.*\)"/\1/p' io/version.h)
SOVERSION = 1
SONAME = librollout.so.$(SOVERSION)
SOFILE = librollout.so.$(VERSION)

CC ?= cc
# No -DNDEBUG, in any build: assert() guards invariants (never input), and
# a broken invariant should stop the program rather than write a plan.
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes \
       -Wmissing-prototypes -Wvla -Wwrite-strings -Wshadow
ifeq ($(CI),true)
WARN += -Werror
endif
ifneq ($(WERROR),)
WARN += -Werror
endif

PKG_CONFIG ?= pkg-config
XML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null)
XML_LIBS := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
GLPK_LIBS ?= -lglpk
# the exports (io/export_*.c): JSON through json-c, iCalendar through libical
EXP_CFLAGS := $(shell $(PKG_CONFIG) --cflags json-c libical 2>/dev/null)
EXP_LIBS := $(shell $(PKG_CONFIG) --libs json-c libical 2>/dev/null)

ifneq ($(SANITIZE),)
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
else
# every dependency of the shared library named at link time (a sanitizer's
# runtime symbols come from the program instead)
SO_LDFLAGS = -Wl,--no-undefined
endif

B ?= build
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L $(XML_CFLAGS) $(EXP_CFLAGS) $(SANFLAGS) $(CFLAGS)
LIBS = $(XML_LIBS) $(EXP_LIBS) $(GLPK_LIBS) -lm

ifeq ($(V),1)
Q =
say = @true
else
Q = @
say = @printf '  %-7s %s\n'
endif

LIB_SRC = $(sort $(wildcard model/*.c io/*.c solver/*.c orch/*.c))
CLI_SRC = $(sort $(wildcard cli/*.c))
TEST_SRC = $(sort $(wildcard tests/*.c))
SCHEMAS = $(sort $(wildcard io/schema/*.xsd))

LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/schemas.o
CLI_OBJ = $(CLI_SRC:%.c=$(B)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(B)/%.o)

.PHONY: all check layers unit clitest demo install uninstall asan valgrind clean deps \
	$(B)/rollout.pc
all: $(B)/librollout.a $(B)/$(SOFILE) $(B)/rollout

$(B)/%.o: %.c
	$(say) CC $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The XSDs are compiled in, so an installed program needs no data files.
$(B)/gen/schemas.c: $(SCHEMAS) io/embed.sh
	$(say) GEN $@
	@mkdir -p $(dir $@)
	$(Q)sh io/embed.sh $(SCHEMAS) > $@.tmp && mv $@.tmp $@

$(B)/gen/schemas.o: $(B)/gen/schemas.c
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

# The library's objects are position-independent, for the shared library;
# the static one is made of the same objects.
$(LIB_OBJ): ALL_CFLAGS += -fPIC
# make cannot see a change of flags: objects built before this stamp (that
# is, before they were position-independent) are rebuilt once
$(LIB_OBJ): $(B)/gen/pic-stamp
$(B)/gen/pic-stamp:
	@mkdir -p $(dir $@) && touch $@

$(B)/librollout.a: $(LIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

# The shared library exports the functions of include/rollout.h and nothing
# else (the version script lists them, without symbol versions: the soname
# is the version): the internal ro_ functions of the other headers stay
# inside, free to change.  A declaration in rollout.h starts a line with its
# type and names its function before the first '('.
$(B)/rollout.map: include/rollout.h Makefile
	@mkdir -p $(dir $@)
	$(Q){ echo '/* generated from include/rollout.h by the Makefile */'; \
	  echo '{'; echo 'global:'; \
	  sed -n 's/^[a-z][^(]*[ *]\(ro_[a-z0-9_]*\)(.*/	\1;/p' \
	    include/rollout.h | sort -u; \
	  echo 'local:'; echo '	*;'; echo '};'; } > $@.tmp && mv $@.tmp $@

$(B)/$(SOFILE): $(LIB_OBJ) $(B)/rollout.map
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SONAME) \
	  -Wl,--version-script=$(B)/rollout.map $(SO_LDFLAGS) -o $@ \
	  $(LIB_OBJ) $(LIBS)
	$(Q)ln -sf $(SOFILE) $(B)/$(SONAME) && ln -sf $(SONAME) $(B)/librollout.so

$(B)/rollout: $(CLI_OBJ) $(B)/librollout.a
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(B)/librollout.a $(LIBS)

# One Suite *suite_<name>(void) per tests/test_<name>.c, collected here.
$(B)/gen/suites.h: $(filter tests/test_%.c,$(TEST_SRC)) Makefile
	@mkdir -p $(dir $@)
	$(Q)for f in $(filter tests/%,$^); do sed -n 's/^Suite \*\(suite_[a-z0-9_]*\)(void)$$/\1/p' $$f; done \
	  | awk '{ d = d "Suite *" $$0 "(void);\n"; l = l "\t" $$0 ", \\\n"; \
	    n = n "\t\"" substr($$0, 7) "\", \\\n" } \
	    END { printf "%s#define RO_SUITES \\\n%s\n#define RO_SUITE_NAMES \\\n%s\n", d, l, n }' \
	  > $@.tmp && mv $@.tmp $@

$(B)/tests/main.o: $(B)/gen/suites.h
$(B)/tests/%.o: ALL_CFLAGS += -Wno-missing-prototypes $(CHECK_CFLAGS) -I$(B)/gen -DRO_SRCDIR='"$(CURDIR)"'

$(B)/tests/run: $(TEST_OBJ) $(B)/librollout.a
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(TEST_OBJ) $(B)/librollout.a $(CHECK_LIBS) $(LIBS)

# The suites run UNIT_JOBS at a time (tests/unit.sh), the command-line
# tests CLI_JOBS at a time; each reports in order.
UNIT_JOBS ?= 2
CLI_JOBS ?= 2
unit: $(B)/tests/run
	$(Q)UNIT_JOBS=$(UNIT_JOBS) sh tests/unit.sh $(CURDIR)/$(B)/tests/run

# the libraries too: a test installs them (make install) and links with them
clitest: $(B)/rollout $(B)/librollout.a $(B)/$(SOFILE)
	$(Q)RO_JOBS=$(CLI_JOBS) ROLLOUT=$(CURDIR)/$(B)/rollout SRCDIR=$(CURDIR) \
	  sh tests/cli/run.sh

# The include lines of model/, io/, solver/, orch/ and cli/ point down only.
layers:
	$(Q)sh tests/layers.sh $(CURDIR)

check: layers unit clitest

asan:
	$(MAKE) B=$(B)-asan SANITIZE=address,undefined CFLAGS='-O1 -g' check

# The unit tests (CK_FORK=no), then the command-line tests with $(B)/rollout
# under valgrind (tests/cli/valgrind-rollout.sh): every process must leave
# an empty log in $(B)/vg.  tests/valgrind.supp: libxml2's own leaks after
# an allocation failure (docs/reliability.md).
VG_SUPP = $(CURDIR)/tests/valgrind.supp
valgrind: $(B)/tests/run $(B)/rollout
	$(say) VG tests/run
	$(Q)CK_FORK=no UNIT_JOBS=$(UNIT_JOBS) sh tests/unit.sh $(CURDIR)/$(B)/tests/run \
	  valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=definite,indirect --suppressions=$(VG_SUPP)
	$(say) VG clitest
	$(Q)rm -rf $(B)/vg && mkdir -p $(B)/vg && chmod 1777 $(B)/vg && \
	  cp tests/cli/valgrind-rollout.sh $(B)/rollout-vg && chmod 755 $(B)/rollout-vg
	$(Q)RO_VALGRIND=1 RO_VALGRIND_BIN=$(CURDIR)/$(B)/rollout \
	  RO_VALGRIND_LOGS=$(CURDIR)/$(B)/vg RO_VALGRIND_SUPP=$(VG_SUPP) \
	  RO_JOBS=$(CLI_JOBS) ROLLOUT=$(CURDIR)/$(B)/rollout-vg SRCDIR=$(CURDIR) \
	  sh tests/cli/run.sh
	$(Q)n=$$(ls $(B)/vg | wc -l); bad=$$(find $(B)/vg -type f -size +0); \
	  if [ -n "$$bad" ]; then for f in $$bad; do echo "--- $$f"; cat $$f; done; \
	  echo "FAIL: valgrind reported on the program (logs in $(B)/vg)"; exit 1; fi; \
	  [ "$$n" -gt 0 ] || { echo "FAIL: no valgrind logs in $(B)/vg"; exit 1; }; \
	  echo "valgrind: $$n runs of the program, no report"

deps:
	$(Q)sh .ci/deps

# deps first, then a fresh make: the pkg-config flags above are computed when
# make starts, before deps may have installed libxml2 or check.
demo:
	$(Q)sh .ci/deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh examples/demo.sh $(B)/rollout

$(B)/rollout.pc: Makefile
	@mkdir -p $(dir $@)
	$(Q)printf '%s\n' 'prefix=$(PREFIX)' \
	  'libdir=$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))' \
	  'includedir=$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCDIR))' '' \
	  'Name: rollout' \
	  'Description: SMS client upgrade scheduling engine' \
	  'Version: $(VERSION)' \
	  'Requires.private: libxml-2.0 json-c libical' \
	  'Libs: -L$${libdir} -lrollout' 'Libs.private: $(GLPK_LIBS) -lm' \
	  'Cflags: -I$${includedir}/rollout' > $@

# Only include/rollout.h is installed: the library's own headers are its
# internals (they include rollout.h for what they share with it).  The
# shared library's dependencies (libxml2, GLPK, libm) are recorded in it,
# so rollout.pc names them only for static linking (Libs.private,
# Requires.private).  After installing into a system directory, run
# ldconfig.
install: all $(B)/rollout.pc
	$(say) INSTALL '$(DESTDIR)$(PREFIX)'
	$(Q)install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	  $(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(INCDIR)/rollout
	$(Q)install -m 755 $(B)/rollout $(DESTDIR)$(BINDIR)/rollout
	$(Q)install -m 644 $(B)/librollout.a $(DESTDIR)$(LIBDIR)/librollout.a
	$(Q)install -m 755 $(B)/$(SOFILE) $(DESTDIR)$(LIBDIR)/$(SOFILE)
	$(Q)ln -sf $(SOFILE) $(DESTDIR)$(LIBDIR)/$(SONAME)
	$(Q)ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/librollout.so
	$(Q)install -m 644 $(B)/rollout.pc $(DESTDIR)$(LIBDIR)/pkgconfig/rollout.pc
	$(Q)install -m 644 $(SCHEMAS) $(DESTDIR)$(DATADIR)/schema/
	$(Q)install -m 644 docs/rollout.1 $(DESTDIR)$(MANDIR)/man1/rollout.1
	$(Q)install -m 644 include/rollout.h $(DESTDIR)$(INCDIR)/rollout/rollout.h

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rollout $(DESTDIR)$(LIBDIR)/librollout.a \
	  $(DESTDIR)$(LIBDIR)/$(SOFILE) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	  $(DESTDIR)$(LIBDIR)/librollout.so \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/rollout.pc \
	  $(DESTDIR)$(MANDIR)/man1/rollout.1
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(INCDIR)/rollout

# ---- fuzzing: libFuzzer harnesses fuzz/fuzz_*.c (clang 14) ----------------
#   make fuzz       build them against the library in $(B)-fuzz (ASan, UBSan,
#                   fuzzer coverage) and run each for FUZZ_TIME seconds (300)
#                   from a seed corpus of examples/ and tests/data/, with its
#                   fuzz/NAME.dict; a crash, leak, timeout or UB report fails,
#                   leaving the input as $(B)-fuzz/crash-NAME-*; the
#                   harnesses run side by side (FUZZ_JOBS, default all)
#   make fuzz-ci    the same for 60 s each (what .ci/run does)
FUZZ_CC ?= clang
FUZZ_TIME ?= 300
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2048 -max_len=65536
FUZZERS = $(patsubst fuzz/%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))

.PHONY: fuzz fuzz-ci fuzz-build fuzz-seeds
fuzz: fuzz-build
	$(Q)$(MAKE) --no-print-directory -j$(FUZZ_JOBS) $(FUZZERS:%=fuzz-run-%)

# One harness; fuzz runs them FUZZ_JOBS at a time (all at once by default:
# on 2 cores each gets two thirds of one, which costs executions, not
# coverage of the time box, and keeps fuzz-ci at about a minute of wall).
FUZZ_JOBS ?= $(words $(FUZZERS))
fuzz-run-%:
	$(Q)f=$*; n=$${f#fuzz_}; mkdir -p $(B)-fuzz/corpus/$$n; \
	  echo "  FUZZ    $$f for $(FUZZ_TIME) s"; \
	  if ! $(B)-fuzz/fuzz/$$f -max_total_time=$(FUZZ_TIME) $(FUZZ_FLAGS) \
	      -print_final_stats=1 -dict=fuzz/$$n.dict \
	      -artifact_prefix=$(B)-fuzz/crash-$$n- \
	      $(B)-fuzz/corpus/$$n $(B)-fuzz/seed/$$n >$(B)-fuzz/$$n.log 2>&1; then \
	    tail -n 60 $(B)-fuzz/$$n.log; echo "FAIL: $$f (log: $(B)-fuzz/$$n.log)"; \
	    exit 1; fi; \
	  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' \
	    $(B)-fuzz/$$n.log | sed "s/^/    $$n: /"

fuzz-ci:
	$(Q)$(MAKE) --no-print-directory fuzz FUZZ_TIME=60

fuzz-build:
	$(Q)$(MAKE) --no-print-directory B=$(B)-fuzz CC=$(FUZZ_CC) \
	  SANITIZE=address,undefined CFLAGS='-O1 -g -fsanitize=fuzzer-no-link' \
	  $(FUZZERS:%=$(B)-fuzz/fuzz/%) $(B)-fuzz/rollout fuzz-seeds

$(B)/fuzz/fuzz_%: fuzz/fuzz_%.c $(B)/librollout.a
	$(say) LINK $@
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -DRO_SRCDIR='"$(CURDIR)"' \
	  -o $@ $< $(B)/librollout.a $(LIBS)

# Seeds are copied afresh at every build; the schedule seed is a plan of
# fuzz/schedule-site.xml.  Committed regression inputs seed the runs too.
fuzz-seeds: $(B)/rollout
	$(Q)rm -rf $(B)/seed && mkdir -p $(B)/seed/site $(B)/seed/csv \
	  $(B)/seed/schedule $(B)/seed/import
	$(Q)cp_seeds() { d=$$1; shift; for f in "$$@"; do [ -f "$$f" ] && \
	    cp "$$f" $(B)/seed/$$d/$$(echo "$$f" | tr / _); done; true; }; \
	  cp_seeds site examples/*.xml tests/data/site/*.xml \
	    tests/data/hostile/*.xml fuzz/schedule-site.xml \
	    tests/data/fuzz-regress/site/*; \
	  cp_seeds csv examples/*.csv tests/data/hostile/*.csv \
	    tests/data/fuzz-regress/csv/*; \
	  cp_seeds schedule tests/data/schedule/*.xml \
	    tests/data/fuzz-regress/schedule/*; \
	  cp_seeds import tests/data/import/*.csv examples/*.csv
	$(Q)$(B)/rollout plan -q fuzz/schedule-site.xml \
	  -o $(B)/seed/schedule/plan.xml

clean:
	rm -rf $(B) $(B)-asan $(B)-fuzz demo-out

-include $(wildcard $(B)/*/*.d $(B)/*/*/*.d)
