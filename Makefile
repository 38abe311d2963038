# Two commands on a fresh Debian 12 machine with Swift 6:
#   make book   installs the system packages, builds galley, builds Source/ into Build/
#   make test   runs every test, with the real external judges
SWIFT ?= swift
CONFIG ?= release

.PHONY: setup galley book test bench bench-serve bench-scale bench-shapes screenshots fuzz clean

setup:
	./Scripts/setup.sh

# The programs link Swift's runtime and Foundation in: a cold start binds no
# shared Swift libraries (about 10 ms of a build of the bench book).
RELEASE_FLAGS ?= --static-swift-stdlib

galley: setup
	$(SWIFT) build -c $(CONFIG) $(RELEASE_FLAGS) --product galley
	$(SWIFT) build -c $(CONFIG) $(RELEASE_FLAGS) --product galley-serve

book: galley
	$$($(SWIFT) build -c $(CONFIG) $(RELEASE_FLAGS) --show-bin-path)/galley build .

test: setup lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

# swift-format (.swift-format, --strict) and the 120-column limit; see ARCHITECTURE.md.
.PHONY: lint
lint:
	SWIFT=$(SWIFT) ./Scripts/lint.sh

bench: galley
	./Scripts/benchmark.sh

# galley serve on the 100-chapter bench book: save-to-reload latency over 20 edits (median, p90).
bench-serve: galley
	./Scripts/serve-latency-benchmark.sh

# 10 000 against 100 000 headings, footnotes and links: ten times the input in at most twelve times the time.
bench-scale: galley
	./Scripts/scale-benchmark.sh

# Hostile shapes (one paragraph of N emphases, N-column tables, long lines…) at N and 10N: FLAG where not linear.
bench-shapes: galley
	./Scripts/shape-scan.sh

# libFuzzer on Markdown (reader → writers → checks) and on zips (galley check),
# FUZZ_SECONDS each (default 900); non-zero on a crash. See README.md, "Fuzzing".
FUZZ_SECONDS ?= 900
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) ./Scripts/fuzz.sh

screenshots: book
	./Scripts/screenshots.sh

clean:
	rm -rf .build Build/book.epub Build/book.xml Build/book.txt Fuzz/.build Fuzz/Work
