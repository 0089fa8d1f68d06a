# Two commands for a newcomer: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the app needs: venv, WeasyPrint's text layout, fonts for PDFs, gettext;
# and the tests: redis-server (health check), postgresql-client (backup and restore).
SYSTEM_PACKAGES := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext redis-server postgresql-client

.PHONY: run demo-code test e2e bench system-deps venv messages lint security lock

# Compiled catalogues are built here, not kept in git: two branches that add strings would
# otherwise conflict on a binary file.
MO_FILES := $(patsubst %.po,%.mo,$(shell find . -path ./.venv -prune -o -name django.po -print))

%.mo: %.po
	msgfmt --check-format --output-file=$@ $<

system-deps:
	@sh scripts/system-deps.sh $(SYSTEM_PACKAGES)

$(INSTALLED): requirements.lock
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

# The OpenID Connect provider the tests start (tests/oidc): npm's oidc-provider, with node.
OIDC_PROVIDER := tests/oidc/node_modules/.installed
$(OIDC_PROVIDER): tests/oidc/package-lock.json
	@command -v npm >/dev/null || sh scripts/system-deps.sh nodejs npm
	npm ci --prefix tests/oidc --no-audit --no-fund --silent
	@touch $@

venv: $(INSTALLED) $(MO_FILES) $(OIDC_PROVIDER)

run: $(INSTALLED) $(MO_FILES)
	DEBUG=1 $(PY) manage.py migrate --verbosity 0
	DEBUG=1 $(PY) manage.py load_demo
	@echo ""
	@echo "Helsefellesskap runs at http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo ""
	DEBUG=1 SITE_URL=http://$(HOST):$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

# The demo secretariat's second factor: the code its authenticator app would show now.
demo-code: $(INSTALLED)
	@DEBUG=1 $(PY) manage.py demo_code

test: $(INSTALLED) $(MO_FILES) $(OIDC_PROVIDER)
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

APPS := common members meetings agreements finance

# Browser journeys with Debian's chromium (installed here when missing and we are root).
e2e: $(INSTALLED) $(MO_FILES) $(OIDC_PROVIDER)
	@sh scripts/system-deps.sh chromium
	E2E=1 $(VENV)/bin/pytest -p no:xdist tests/e2e $(PYTEST_ARGS)

# Benchmark against the machine's PostgreSQL; writes docs/performance.md.
bench: $(INSTALLED) $(MO_FILES)
	@sh scripts/system-deps.sh wrk
	$(PY) -m benchmark.run

messages: $(INSTALLED)
	for app in $(APPS); do mkdir -p $$app/locale && (cd $$app && DEBUG=1 PYTHONPATH=.. ../$(VENV)/bin/django-admin makemessages -l nb --no-obsolete --settings=helsefellesskap.settings); done
	DEBUG=1 $(PY) manage.py makemessages -l nb --no-obsolete $(foreach app,$(APPS) tests .venv,--ignore="$(app)/*")
	DEBUG=1 $(PY) manage.py compilemessages --ignore=".venv/*"

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .

# bandit and pip-audit; see docs/security.md.
security: $(INSTALLED)
	VENV=$(VENV) sh scripts/security-checks.sh

# Re-pin every dependency after changing pyproject.toml.
lock:
	$(PYTHON) -m venv /tmp/helsefellesskap-lock
	/tmp/helsefellesskap-lock/bin/pip install --quiet pip-tools==7.6.2
	/tmp/helsefellesskap-lock/bin/pip-compile --quiet --extra dev --strip-extras -o requirements.lock pyproject.toml
