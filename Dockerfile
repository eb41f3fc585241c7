FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings but no database; the build-time key is thrown away with this layer's environment.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

RUN useradd --system --create-home factcheck
# Owned by the app user, so the compose volume mounted here (background exports) starts out writable by it.
RUN mkdir -p /app/media/exports && chown factcheck /app/media/exports
USER factcheck
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120"]
