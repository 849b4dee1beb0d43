# duegraph: every set-up step a fresh machine needs is here (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SRC    := graph_schema loaders graphapi

.PHONY: install system-deps neo4j demo test lint typecheck check clean-neo4j bench soak web-vendor

install: system-deps $(VENV)/.installed neo4j-local/target/classpath.txt

# Java 17 and Maven run the project's own Neo4j; Chromium renders the HTML report in tests and
# runs the workspace's browser tests (tests/web, Playwright pointed at /usr/bin/chromium).
# Installed with apt-get where the machine lacks them (sudo is used when not root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
system-deps:
	@command -v java >/dev/null && command -v mvn >/dev/null && command -v chromium >/dev/null || { \
	  echo "installing Java 17, Maven and Chromium (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq openjdk-17-jdk-headless maven chromium >/dev/null; }

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# Maven resolves Neo4j 5.26 community and compiles the launcher once.
neo4j-local/target/classpath.txt: neo4j-local/pom.xml neo4j-local/src/main/java/duegraph/Neo4jLocal.java
	cd neo4j-local && mvn -q -B compile

neo4j: install
	$(BIN)/duegraph neo4j start

# Starts Neo4j, generates and loads a demo registry once, serves GraphQL on 127.0.0.1:8000.
demo: install
	$(BIN)/duegraph demo

lint: install
	$(BIN)/ruff check $(SRC) tests
	$(BIN)/ruff format --check $(SRC) tests
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy $(SRC) tests

test: install lint typecheck
	$(BIN)/pytest -q

check: test

# Benchmarks against baselines run beside them; SCALE=small|medium|large (docs/benchmarks.md).
bench: install
	$(BIN)/duegraph bench --scale $(or $(SCALE),small) --out docs/benchmarks.md

# A bounded load on loopback (serve is started on a free port unless --url is given).
soak: install
	$(BIN)/duegraph soak --seconds $(or $(SECONDS),120) --clients 32

clean-neo4j:
	-$(BIN)/duegraph neo4j stop
	rm -rf .duegraph/neo4j

# The workspace's browser libraries (cytoscape, GraphiQL, React) are committed under
# graphapi/web/static/vendor/ with their licences; this refreshes them from the npm registry
# at the versions pinned in graphapi/web/vendor.py.
web-vendor: $(VENV)/.installed
	$(BIN)/python -m graphapi.web.vendor
