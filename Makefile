# A thin front door: every target drives CMake; nothing is built here directly.
BUILD ?= build
JOBS ?= $(shell nproc)
BRIEF = $(BUILD)/brief

.PHONY: all site test serve bench deps configure build clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

site: deps
	@$(MAKE) --no-print-directory build
	$(BRIEF) build --source . --output site

test: deps
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

serve: deps
	@$(MAKE) --no-print-directory build
	$(BRIEF) serve --source .

bench: deps
	@$(MAKE) --no-print-directory build
	bench/run.sh

clean:
	rm -rf $(BUILD) site
