# A thin front door: every target drives CMake; nothing is built here directly.
BUILD ?= build
JOBS ?= $(shell nproc)
BRIEF = $(BUILD)/brief

.PHONY: all site test e2e serve bench deps configure build install package clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# brief, its man page and its bash completion under PREFIX (default /usr/local), stripped.
install: build
	cmake --install $(BUILD) --strip $(if $(PREFIX),--prefix $(PREFIX))

# $(BUILD)/brief_<version>_amd64.deb (CPack; Depends from the libraries brief links).
package: deps
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && cpack -G DEB

site: deps
	@$(MAKE) --no-print-directory build
	$(BRIEF) build --source . --output site

test: deps
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The example site in Debian's Chromium, axe-core, html-validate, feedparser and xmllint;
# installs what it needs on first use (e2e/install.sh). Screenshots: $(BUILD)/e2e-screenshots/.
e2e: deps
	@$(MAKE) --no-print-directory build
	e2e/run.sh $(BUILD)

serve: deps
	@$(MAKE) --no-print-directory build
	$(BRIEF) serve --source .

# Brief against Hugo on generated corpora (bench/README.md); BENCH_LARGE=1 adds 50,000.
bench: deps
	@$(MAKE) --no-print-directory build
	BRIEF=$(BRIEF) bench/run.sh

clean:
	rm -rf $(BUILD) site .site.brief-prev
