# nianbao — see README.md.
GO      ?= go
BIN     := bin/nianbao
SAMPLE  := fixtures/yueqing-sfj-2021.yaml
PKGS    := ./...

.PHONY: build demo test bench lint schema fuzz clean

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/nianbao

# Render the sample report to out/ as PDF and DOCX, with the embedded fonts.
demo: build
	$(BIN) validate $(SAMPLE)
	$(BIN) render $(SAMPLE) -o out/
	@ls -l out/

test:
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) test -count=1 $(PKGS)

# Speed and memory goals live here, never in timed tests.
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

lint:
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }

# Regenerate schema/report.schema.json from the Go types.
schema:
	$(GO) run ./schema/gen > schema/report.schema.json

clean:
	rm -rf bin out
