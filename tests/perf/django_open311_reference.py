"""An independent Open311 GeoReport v2 server: Django + Django REST Framework under gunicorn.

The project is written from the templates below into a folder the caller owns and run by
another Python process; Django, djangorestframework and gunicorn are installed with pip into a
private `--target` folder in the user's cache (never into Hue-S's environment) and reach only
that process, through its PYTHONPATH.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

PACKAGES = ("django>=5.2,<6", "djangorestframework>=3.15,<4", "gunicorn>=23,<24")
MODULES = ("django", "rest_framework", "gunicorn")
LIST_PATH = "/open311/v2/requests.json"
FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]

SETTINGS = """
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "{secret_key}"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "open311",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "reference.urls"
WSGI_APPLICATION = "reference.wsgi.application"
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "open311.sqlite3",
        "CONN_MAX_AGE": None,
    }}
}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
REST_FRAMEWORK = {{
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
}}
"""

MODELS = """
from django.db import models


class Service(models.Model):
    service_code = models.CharField(max_length=64, unique=True)
    service_name = models.CharField(max_length=200)


class ServiceRequest(models.Model):
    STATUSES = [("open", "open"), ("closed", "closed")]

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="requests")
    status = models.CharField(max_length=16, choices=STATUSES, default="open")
    status_notes = models.TextField(null=True, blank=True)
    description = models.TextField(blank=True)
    agency_responsible = models.CharField(max_length=200, null=True, blank=True)
    service_notice = models.TextField(null=True, blank=True)
    requested_datetime = models.DateTimeField(db_index=True)
    updated_datetime = models.DateTimeField(null=True, blank=True)
    expected_datetime = models.DateTimeField(null=True, blank=True)
    address = models.CharField(max_length=255, null=True, blank=True)
    address_id = models.CharField(max_length=64, null=True, blank=True)
    zipcode = models.CharField(max_length=16, null=True, blank=True)
    lat = models.FloatField()
    long = models.FloatField()
    media_url = models.URLField(null=True, blank=True)
"""

SERIALIZERS = """
from rest_framework import serializers

from open311.models import ServiceRequest


class ServiceRequestSerializer(serializers.ModelSerializer):
    service_request_id = serializers.CharField(source="pk", read_only=True)
    service_code = serializers.CharField(source="service.service_code", read_only=True)
    service_name = serializers.CharField(source="service.service_name", read_only=True)

    class Meta:
        model = ServiceRequest
        fields = {fields!r}
"""

VIEWS = """
from rest_framework import generics

from open311.models import ServiceRequest
from open311.serializers import ServiceRequestSerializer


class ServiceRequestList(generics.ListAPIView):
    queryset = ServiceRequest.objects.select_related("service").order_by(
        "-requested_datetime", "-id"
    )
    serializer_class = ServiceRequestSerializer
"""

URLS = """
from django.urls import path

from open311.views import ServiceRequestList

urlpatterns = [path("open311/v2/requests.json", ServiceRequestList.as_view())]
"""

WSGI = """
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reference.settings")
application = get_wsgi_application()
"""

MANAGE = """
import os
import sys

from django.core.management import execute_from_command_line

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reference.settings")
execute_from_command_line(sys.argv)
"""

SEED = """
import json
import os
import sys
from datetime import datetime

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reference.settings")
django.setup()

from open311.models import Service, ServiceRequest  # noqa: E402

reports = json.load(open(sys.argv[1], encoding="utf-8"))
services = {{
    code: Service.objects.create(service_code=code, service_name=name)
    for code, name in {{(r["service_code"], r["service_name"]) for r in reports}}
}}
moment = lambda value: datetime.fromisoformat(value) if value else None  # noqa: E731
ServiceRequest.objects.bulk_create(
    ServiceRequest(
        id=int(r["service_request_id"]),
        service=services[r["service_code"]],
        **{{name: r[name] for name in {plain!r}}},
        **{{name: moment(r[name]) for name in {moments!r}}},
    )
    for r in sorted(reports, key=lambda r: int(r["service_request_id"]))
)
"""


def packages_folder() -> Path:
    """Return the private folder the reference's packages are installed into."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    version = f"py{sys.version_info.major}{sys.version_info.minor}"
    return cache / "hue-s-perf" / f"django-open311-reference-{version}"


def ensure_packages() -> Path:
    """Install Django, DRF and gunicorn into the private folder if missing; return it."""
    folder = packages_folder()
    if not all((folder / module).is_dir() for module in MODULES):
        print(f"installing {' '.join(PACKAGES)} into {folder}", flush=True)
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(folder)]
        subprocess.run([*command, "--upgrade", *PACKAGES], check=True)
    return folder


def installed_versions(packages: Path) -> str:
    """Return the names and versions of what the private folder holds, as pip recorded them."""
    found = (folder.name.removesuffix(".dist-info") for folder in packages.glob("*.dist-info"))
    return ", ".join(sorted(name.replace("-", " ", 1) for name in found))


def write_project(folder: Path) -> None:
    """Write the Django project (settings, urls, wsgi) and its open311 app into the folder."""
    seeded = set(FIELDS) - {"service_request_id", "service_code", "service_name"}
    moments = sorted(name for name in seeded if name.endswith("_datetime"))
    files = {
        "manage.py": MANAGE,
        "seed.py": SEED.format(plain=sorted(seeded - set(moments)), moments=moments),
        "reference/__init__.py": "",
        "reference/settings.py": SETTINGS.format(secret_key=secrets.token_urlsafe(40)),
        "reference/urls.py": URLS,
        "reference/wsgi.py": WSGI,
        "open311/__init__.py": "",
        "open311/migrations/__init__.py": "",
        "open311/models.py": MODELS,
        "open311/serializers.py": SERIALIZERS.format(fields=FIELDS),
        "open311/views.py": VIEWS,
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text.lstrip(), encoding="utf-8")


def reference_environment(folder: Path, packages: Path) -> dict[str, str]:
    """Return the environment of the reference's processes: only its own folders on the path."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(packages), str(folder)])}
    environment["DJANGO_SETTINGS_MODULE"] = "reference.settings"
    return environment


def prepare(folder: Path, packages: Path, reports: list[dict[str, Any]]) -> None:
    """Write the project, make and apply its migrations, and store the reports in it."""
    write_project(folder)
    (folder / "reports.json").write_text(json.dumps(reports, ensure_ascii=False), "utf-8")
    environment = reference_environment(folder, packages)
    for command in (
        ["manage.py", "makemigrations", "open311", "-v", "0"],
        ["manage.py", "migrate", "-v", "0"],
        ["seed.py", "reports.json"],
    ):
        subprocess.run([sys.executable, *command], cwd=folder, env=environment, check=True)


@contextmanager
def reference_server(
    folder: Path, packages: Path, reports: list[dict[str, Any]], worker_class: str = "sync"
) -> Iterator[tuple[str, int]]:
    """Serve the reference with gunicorn (1 worker) on a free loopback port.

    Yields its base URL and gunicorn's pid; stops it after, also on an error or Ctrl+C.
    A sync worker closes each connection after one answer; "gthread" (one thread) keeps it.
    """
    prepare(folder, packages, reports)
    sock = socket.create_server(("127.0.0.1", 0))
    log = folder / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "--workers", "1", "--worker-class", worker_class]
    if worker_class == "gthread":
        command += ["--threads", "1", "--keep-alive", "30"]
    command += ["--bind", f"fd://{sock.fileno()}", "--log-level", "warning"]
    command += ["--error-logfile", str(log), "reference.wsgi:application"]
    server = subprocess.Popen(
        command,
        cwd=folder,
        env=reference_environment(folder, packages),
        pass_fds=[sock.fileno()],
        start_new_session=True,  # Ctrl+C reaches this script, which stops the server
    )
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        wait_until_serving(server, base_url, log)
        yield base_url, server.pid
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        sock.close()


def wait_until_serving(server: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    """Wait until the reference answers its list, or raise with gunicorn's log."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(base_url + LIST_PATH, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    text = log.read_text(errors="replace") if log.exists() else ""
    raise RuntimeError(f"the Django reference did not start:\n{text[-3000:]}")


def process_tree_cpu_seconds(pid: int) -> float:
    """Return the CPU time a process and its children (gunicorn's workers) have used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # the process ended meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total
