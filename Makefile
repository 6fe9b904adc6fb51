# Fupan: every developer task is a make target. `make run` and `make test` install what is missing.
BUILD      ?= build
DB         ?= data/fupan.db
PORT       ?= 8080
JOBS       ?= $(shell nproc)
CMAKE_TYPE ?= Release

.PHONY: all deps build build-cpp build-web run test test-dates test-unit test-api test-browser test-asan fuzz bench fmt lint clean

all: build

deps:
	@bash scripts/install_deps.sh

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(CMAKE_TYPE)

build-cpp: deps $(BUILD)/build.ninja
	ninja -C $(BUILD) -j $(JOBS)

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

tests/browser/node_modules/.package-lock.json: tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error

build-web: deps web/node_modules/.package-lock.json
	@if [ ! -f web/dist/index.html ] || [ -n "$$(find web/src web/index.html web/vite.config.js web/package.json -newer web/dist/index.html -print -quit)" ]; then \
	  cd web && npm run build --silent; fi

build: build-cpp build-web

run: build
	@$(BUILD)/fupan demo --db $(DB) --if-missing
	@echo ""
	@echo "  Fupan (复盘) on http://127.0.0.1:$(PORT)/"
	@echo "  Demo logins (password fupan-demo): admin, director, manager, rep, analyst"
	@echo ""
	$(BUILD)/fupan serve --db $(DB) --port $(PORT) --web-dir web/dist

test: build tests/browser/node_modules/.package-lock.json
	@bash scripts/test_all.sh $(BUILD)

# The command-line and API suites (SQLite) under faketime at dates that stress the calendar: 1
# January, ISO week 53, 29 February, a Sunday 23:30 in Shanghai, 400 days after the demo.
test-dates: build-cpp
	@bash scripts/test_dates.sh $(BUILD)

test-unit: build-cpp
	cd $(BUILD) && ctest --output-on-failure

test-api: build-cpp
	bash tests/api/run.sh sqlite && bash tests/api/run.sh postgres

test-browser: build tests/browser/node_modules/.package-lock.json
	bash tests/browser/run.sh

# Unit, command-line and API tests (SQLite and PostgreSQL) on an AddressSanitizer + UBSan build.
test-asan: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFUPAN_SANITIZE=ON
	ninja -C build-asan -j $(JOBS) fupan fupan_tests
	./build-asan/fupan_tests
	FUPAN_BIN=$$PWD/build-asan/fupan bash tests/cli/run.sh
	FUPAN_BIN=$$PWD/build-asan/fupan bash tests/api/run.sh sqlite
	FUPAN_BIN=$$PWD/build-asan/fupan bash tests/api/run.sh postgres

bench: build
	bash bench/run.sh $(BUILD)

# libFuzzer on the CSV and .xlsx import parsers, five minutes each (scripts/fuzz.sh SECONDS).
fuzz: deps
	bash scripts/fuzz.sh 300

fmt:
	clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'bench/*.cc')

lint: $(BUILD)/build.ninja
	bash scripts/check_layers.sh
	clang-format --dry-run --Werror $$(git ls-files 'src/*.cc' 'src/*.h')
	cppcheck --quiet --enable=warning,performance --std=c++20 --inline-suppr --error-exitcode=1 \
	  --suppress=syntaxError:src/*_test.cc --suppress=syntaxError:src/*/*_test.cc \
	  --suppress=syntaxError:src/*/*/*_test.cc --suppress=returnStdMoveLocal -I src src

clean:
	rm -rf $(BUILD) build-asan web/dist
