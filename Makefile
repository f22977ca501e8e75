# nianbao — see README.md.
GO      ?= go
BIN     := bin/nianbao
SAMPLE  := fixtures/yueqing-sfj-2021.yaml
PKGS    := ./...

.PHONY: build demo test bench bench-batch bench-compare synth lint schema fuzz dist clean

# -buildvcs=auto stamps the git revision that `nianbao --version` prints, also
# where GOFLAGS says -buildvcs=false; outside a git checkout it stamps none.
build:
	$(GO) build -trimpath -buildvcs=auto -o $(BIN) ./cmd/nianbao

# Render the sample report to out/ as PDF and DOCX, with the embedded fonts;
# --force: out/ may hold a DOCX from a nianbao that kept no content hash.
demo: build
	$(BIN) validate $(SAMPLE)
	$(BIN) render $(SAMPLE) -o out/ --force
	@ls -l out/

test:
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) test -count=1 $(PKGS)

# Speed and memory goals live here, never in timed tests.
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# 1,000 reports through batch at -j 1 and -j 2 (reports/s, CPU per report, peak heap).
bench-batch:
	$(GO) test ./batch -run '^$$' -bench Batch -benchtime 1x -timeout 30m -args -reports 1000

# Cold (new process: --version, render PDF, PDF+DOCX), warm (layout + PDF in
# one process) and batch (REPORTS synthetic reports, PDF+DOCX, -j 2) in one
# run, interleaved: medians with quartiles and extremes of wall and CPU time.
# Each batch also runs to memory (/dev/shm) for the ratio disk / memory;
# BUSY=true keeps the disk busy meanwhile (a writer syncing 4 MB at a time).
ROUNDS  ?= 15
REPORTS ?= 1000
BUSY    ?= false
bench-compare: build
	$(GO) run ./bench -bin $(BIN) -rounds $(ROUNDS) -reports $(REPORTS) -busy=$(BUSY)

# Synthetic report files for trying batch by hand: make synth N=1000 DIR=/tmp/reports
N   ?= 1000
DIR ?= out/synth
synth:
	$(GO) run ./fixtures/gen -n $(N) -o $(DIR)

lint:
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }

# Fuzz each target for FUZZTIME. The seeds (fixtures/) run in every `make test`.
# Minimising a new input from the large fixture seeds can take minutes, which
# looks like a stall (0 execs/sec): -fuzzminimizetime keeps it short.
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./report -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME) -fuzzminimizetime 1s
	$(GO) test ./report -run '^$$' -fuzz FuzzParseCount -fuzztime $(FUZZTIME) -fuzzminimizetime 1s
	$(GO) test ./layout -run '^$$' -fuzz FuzzLineBreak -fuzztime $(FUZZTIME) -fuzzminimizetime 1s
	$(GO) test ./render/docx -run '^$$' -fuzz FuzzWrite -fuzztime $(FUZZTIME) -fuzzminimizetime 1s
	$(GO) test ./fonts -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) -fuzzminimizetime 1s

# Regenerate schema/report.schema.json from the Go types.
schema:
	$(GO) run ./schema/gen > schema/report.schema.json

# Self-contained binaries for the machines clerks use (fonts inside, no set-up),
# with SHA-256 checksums in dist/SHA256SUMS. 信创 machines: linux/arm64 and linux/loong64.
DIST_TARGETS := windows/amd64 windows/arm64 linux/amd64 linux/arm64 linux/loong64 darwin/arm64
dist:
	@mkdir -p dist
	@set -e; for t in $(DIST_TARGETS); do \
		os=$${t%/*}; arch=$${t#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "build dist/nianbao-$$os-$$arch$$ext"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -buildvcs=auto -o dist/nianbao-$$os-$$arch$$ext ./cmd/nianbao; \
	done
	cd dist && sha256sum nianbao-* > SHA256SUMS && cat SHA256SUMS

clean:
	rm -rf bin out dist
