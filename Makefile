# ofconnmgr: the two commands a fresh machine needs are `make run` and
# `make test`; every other target is a step they call or a developer tool.

SHELL := /bin/bash
NODE_BIN := node_modules/.bin
# Debian packages of the real OpenFlow peers the tests talk to.
APT_PEERS := openvswitch-common openvswitch-testcontroller python3-os-ken tshark
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup setup-node setup-peers setup-kubectl build typecheck lint gen gen-check deploy-check test run bench fuzz corpus clean

setup: setup-node setup-peers

# npm ci only when the lock file changed since the last install.  A
# node_modules that is a symlink (a git worktree sharing another checkout's
# install) is left alone: npm ci would empty the shared directory.
setup-node: node_modules/.installed
node_modules/.installed: package-lock.json
	@if [ -L node_modules ]; then echo "node_modules is a link: not reinstalling"; else npm ci --no-audit --no-fund && touch $@; fi

# apt-get only when a peer is missing: idempotent and non-interactive.
setup-peers:
	@missing=""; for p in $(APT_PEERS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  echo "wireshark-common wireshark-common/install-setuid boolean false" | $(SUDO) debconf-set-selections; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# kubectl for `kubectl kustomize` (deploy-check renders deploy/ offline
# with it): any kubectl on the PATH, else Debian's kubernetes-client
# (kubectl 1.20, whose kustomize deploy/ is written for), installed with
# apt-get the way setup-peers installs the OpenFlow peers.
setup-kubectl:
	@command -v kubectl >/dev/null || { \
	  echo "installing: kubernetes-client (kubectl)"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client; \
	}

build: setup-node
	$(NODE_BIN)/tsc -p src/tsconfig.json

typecheck: setup-node
	$(NODE_BIN)/tsc -p tsconfig.json

lint: setup-node
	$(NODE_BIN)/eslint .

# The typed gRPC interfaces in src/generated/, from the proto, with the
# loader options the server uses at run time (src/api/proto-package.ts).
PROTO := ofconnmgr/v1/connmgr.proto
GEN_TYPES = $(NODE_BIN)/proto-loader-gen-types --importFileExtension=.js --longs=String --enums=String --defaults --oneofs --keepCase --grpcLib=@grpc/grpc-js -I proto
gen: setup-node
	rm -rf src/generated
	$(GEN_TYPES) -O src/generated $(PROTO)

# Fails when src/generated/ is not what `make gen` makes from the proto.
gen-check: setup-node
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GEN_TYPES) -O "$$tmp" $(PROTO) >/dev/null && \
	diff -r "$$tmp" src/generated || { echo "src/generated/ is stale: run make gen"; exit 1; }

# deploy/ checked offline: kustomize renders the base and the examples,
# every object passes kubernetes-models' schema, a strict key check and
# deploy/'s policy, the Dockerfile lints clean, and the built service runs
# as the image runs it (non-root, read-only files, mutual TLS, health
# answered to buf curl).  See test/deploy/deploy-check.sh.
deploy-check: setup-node setup-kubectl build
	bash test/deploy/deploy-check.sh

# Every test: generated types current, type check, lint, deploy/ checked, then the ava suite (unit,
# property, golden, robustness and interop tests against the real peers).
test: setup gen-check typecheck lint deploy-check
	@mkdir -p var
	set -o pipefail; $(NODE_BIN)/ava --tap | $(NODE_BIN)/tsx test/support/tap-summary.ts

# The service on 127.0.0.1:50051 with a demo bridge br0 and a service
# listener ptcp:6634:127.0.0.1, metrics on 127.0.0.1:9464 (RUN_ARGS overrides
# the arguments).  dist/telemetry/register.js sets up tracing (and the ESM hook
# gRPC instrumentation needs) before the application loads; spans are exported
# over OTLP/gRPC when OTEL_EXPORTER_OTLP_ENDPOINT is set.
RUN_ARGS ?= serve --listen 127.0.0.1:50051 --demo
run: setup build
	node --import ./dist/telemetry/register.js dist/cli/main.js $(RUN_ARGS)

bench: setup build
	@status=0; for b in test/bench/*/main.ts; do echo "== $$b"; node --expose-gc --import tsx $$b || status=1; done; exit $$status

fuzz: setup-node
	OFCONNMGR_FUZZ_ITERATIONS=$${OFCONNMGR_FUZZ_ITERATIONS:-20000000} $(NODE_BIN)/tsx test/openflow/fuzz-campaign.ts

# Regenerates the golden OpenFlow corpus with os-ken (Debian's python3-os-ken,
# hence /usr/bin/python3) and ovs-ofctl; not part of `make test`, which reads
# the committed test/openflow/corpus/osken-corpus.json.
corpus: setup-peers
	/usr/bin/python3 test/openflow/corpus/generate.py

clean:
	rm -rf dist var coverage
