# The web app, the Celery worker and Celery beat all run from this image (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint's text layout (Pango, HarfBuzz subsetting: about 3 × faster PDFs), fonts, gettext.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install -r requirements.lock
COPY . .
RUN find . -name django.po -execdir msgfmt --check-format --output-file=django.mo django.po \;
RUN SECRET_KEY=collectstatic ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && useradd --system --home /app app && mkdir -p /app/var/media && chown -R app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "helsefellesskap.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
