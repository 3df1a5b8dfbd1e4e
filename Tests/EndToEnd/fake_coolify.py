"""A fake Coolify API for end-to-end tests: real TLS on 127.0.0.1, a seeded estate with
secrets planted in every field that can hold one, and a log of every request received.

Tests steer it through attributes: `delays` (path -> seconds), `overrides`
((method, path) -> (status, headers, body bytes)). Loopback only, by construction.

Every request under /api/v1 that no override answers is checked against Coolify's request shape
for its operation (coolify_shapes.py) before any handler sees it; one Coolify would refuse gets
Coolify's refusal (404 for an unknown route, 422 with Laravel's errors for a field it does not
take, a missing required one, a wrong type...). `validated` counts the requests checked and
`refused` lists (method, path, status, errors) for each refused one, so tests can assert on it."""

import datetime
import ipaddress
import json
import re
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

# Planted secrets: none of these may appear in a tool result unless revealed.
PLANTED = {
    "env_value": "planted-env-value-5b1f",
    "env_real_value": "planted-env-real-value-77aa",
    "db_env_value": "planted-db-env-value-3c9d",
    "webhook_github": "planted-webhook-github-8e21",
    "webhook_gitlab": "planted-webhook-gitlab-44af",
    "basic_auth": "planted-basic-auth-pw-19bc",
    "compose": "planted-compose-body-d00d",
    "labels": "planted-custom-labels-beef",
    "sentinel": "planted-sentinel-token-6f6f",
    "logdrain": "planted-logdrain-key-a1a1",
    "private_key": "-----BEGIN OPENSSH PRIVATE KEY-----\nplanted-private-key-material-9a9a\n-----END OPENSSH PRIVATE KEY-----",
    # The rest of the estate (fake_estate.py). Free text: container logs, deployment logs,
    # execution messages, scripts and configuration files.
    "log_db_password": "planted-log-db-password-2c4e",
    "log_url_password": "planted-log-url-password-81d3",
    "log_pem": "planted-log-pem-material-6b07",
    "deploy_log_secret": "planted-deploy-log-secret-f3a2",
    "deploy_log_url": "planted-deploy-log-url-token-0c5d",
    "task_log_secret": "planted-task-log-secret-3d7e",
    "backup_log_secret": "planted-backup-log-secret-a1f9",
    "cloud_init_token": "planted-cloud-init-token-58b3",
    "proxy_config": "planted-proxy-dns-token-c3a0",
    "file_storage_content": "planted-file-storage-content-c2e7",
    "service_compose": "planted-service-compose-e5c1",
    # Database credentials (also inside internal_db_url / external_db_url).
    "postgres_password": "planted-postgres-password-4e11",
    "mysql_root_password": "planted-mysql-root-password-93ab",
    "mysql_password": "planted-mysql-password-1d6c",
    "mariadb_root_password": "planted-mariadb-root-password-7f20",
    "mariadb_password": "planted-mariadb-password-c8e5",
    "mongo_password": "planted-mongo-root-password-5a3b",
    "redis_password": "planted-redis-password-2e9f",
    "keydb_password": "planted-keydb-password-a04d",
    "dragonfly_password": "planted-dragonfly-password-61c7",
    "clickhouse_password": "planted-clickhouse-password-d7b8",
    "service_db_password": "planted-service-db-password-3f8a",
    # Shared variables, by scope.
    "team_env_value": "planted-team-env-value-6e3c",
    "project_env_value": "planted-project-env-value-b58d",
    "environment_env_value": "planted-environment-env-value-2a91",
    "server_env_value": "planted-server-env-value-f0c6",
    # Monitoring, log drains, tunnels.
    "sentinel_url": "http://planted-sentinel-custom-url-b2d4:8888",
    "logdrain_dataset": "planted-logdrain-dataset-90e6",
    "logdrain_parser": "planted-logdrain-parser-47cb",
    "logdrain_highlight": "planted-logdrain-highlight-5d19",
    "cloudflare_token": "planted-cloudflare-token-8b6e",
    # Git apps, cloud providers, S3.
    "github_client_secret": "planted-github-client-secret-1a7f",
    "github_webhook_secret": "planted-github-webhook-secret-e24b",
    "gitlab_client_secret": "planted-gitlab-client-secret-7c90",
    "gitlab_webhook_token": "planted-gitlab-webhook-token-4b2e",
    "cloud_token": "planted-cloud-token-hetzner-d95a",
    "s3_key": "planted-s3-access-key-06f4",
    "s3_secret": "planted-s3-secret-key-b7e3",
    # Notification channels.
    "smtp_password": "planted-smtp-password-9c1d",
    "resend_api_key": "planted-resend-api-key-2f58",
    "discord_webhook_url": "https://discord.com/api/webhooks/1/planted-discord-webhook-a6c2",
    "slack_webhook_url": "https://hooks.slack.com/services/T0/B0/planted-slack-webhook-73de",
    "telegram_token": "planted-telegram-token-5e0b",
    "pushover_user_key": "planted-pushover-user-key-c41f",
    "pushover_api_token": "planted-pushover-api-token-8d27",
    "webhook_url": "https://hooks.example.test/planted-notification-webhook-19a6",
}
# Held in fields whose class is "never leaves", reveal or not.
NEVER_REVEALED = ("sentinel", "logdrain", "private_key",
                  "sentinel_url", "logdrain_dataset", "logdrain_parser", "logdrain_highlight", "cloudflare_token",
                  "github_client_secret", "github_webhook_secret", "gitlab_client_secret", "gitlab_webhook_token",
                  "cloud_token", "s3_key", "s3_secret", "smtp_password", "resend_api_key", "discord_webhook_url",
                  "slack_webhook_url", "telegram_token", "pushover_user_key", "pushover_api_token", "webhook_url")


def make_ca(directory):
    """Writes ca.pem, server.pem and server.key for 127.0.0.1/localhost; returns the paths."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "coolify-mcp test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
          .not_valid_after(now + datetime.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                       key_encipherment=False, data_encipherment=False, key_agreement=False,
                                       encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = {"ca": directory / "ca.pem", "cert": directory / "server.pem", "key": directory / "server.key"}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    return paths


def env_row(uuid, key, value, real_value=None, preview=False):
    return {"id": 1, "uuid": uuid, "key": key, "value": value, "real_value": real_value or value,
            "is_buildtime": True, "is_runtime": True, "is_preview": preview, "is_literal": False,
            "is_multiline": False, "is_shown_once": False, "is_shared": False, "version": "4.0.0",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}


def seeded_estate(app_count=3):
    apps = []
    for index in range(app_count):
        apps.append({
            "id": index + 1, "uuid": f"app{index:04d}uuid", "name": f"app-{index}", "description": "demo",
            "fqdn": f"https://app{index}.example.test", "status": "running:healthy" if index % 2 == 0 else "exited:unhealthy",
            "git_repository": f"acme/app{index}", "git_branch": "main", "build_pack": "nixpacks",
            "manual_webhook_secret_github": PLANTED["webhook_github"], "manual_webhook_secret_gitlab": PLANTED["webhook_gitlab"],
            "manual_webhook_secret_bitbucket": None, "manual_webhook_secret_gitea": "",
            "http_basic_auth_password": PLANTED["basic_auth"], "is_http_basic_auth_enabled": True,
            "docker_compose_raw": PLANTED["compose"], "custom_labels": PLANTED["labels"],
            "environment_variables": [env_row(f"env{index}a", "DATABASE_URL", PLANTED["env_value"], PLANTED["env_real_value"])],
            "destination": {"server": {"uuid": "srv0001uuid", "name": "main", "private_key": PLANTED["private_key"]}},
            "created_at": "2026-01-01T00:00:00Z",
        })
    servers = [{
        "id": 1, "uuid": "srv0001uuid", "name": "main", "description": "primary", "ip": "203.0.113.10", "user": "root",
        "port": 22, "proxy_type": "traefik", "validation_logs": None,
        "settings": {"is_reachable": True, "is_usable": True, "sentinel_token": PLANTED["sentinel"],
                     "logdrain_axiom_api_key": PLANTED["logdrain"], "logdrain_newrelic_license_key": PLANTED["logdrain"],
                     "logdrain_custom_config": PLANTED["logdrain"]},
    }]
    envs = {
        ("applications", "app0000uuid"): [env_row("env0a", "DATABASE_URL", PLANTED["env_value"], PLANTED["env_real_value"]),
                                          env_row("env0b", "API_KEY", PLANTED["env_value"] + "-2"),
                                          env_row("env0c", "DATABASE_URL", PLANTED["env_value"] + "-preview", preview=True)],
        ("services", "svc0001uuid"): [env_row("envs1", "SERVICE_SECRET", PLANTED["env_value"] + "-svc")],
        ("databases", "db00001uuid"): [env_row("envd1", "POSTGRES_PASSWORD", PLANTED["db_env_value"])],
    }
    return {"applications": apps, "servers": servers, "envs": envs}


class FakeCoolify:
    # Over every instance of the test run, for the run's summary (conftest.py).
    validated_everywhere = 0
    refused_everywhere = []
    everywhere_lock = threading.Lock()

    def __init__(self, cert_paths, version="4.0.0-beta.420", app_count=3):
        self.version = version
        self.estate = seeded_estate(app_count)
        self.requests = []          # dicts: method, path, query, headers (lower-case names), body
        self.delays = {}            # path -> seconds
        self.overrides = {}         # (method, path) -> (status, headers dict, body bytes)
        self.legacy_get = False     # True: the action endpoints answer GET only, as before Coolify 4.2
        self.deploy_polls_until_done = 2      # GETs of a queued deployment answered "in_progress"
        self.deploy_final_status = "finished"  # ...and its status after them
        self.validated = 0          # requests under /api/v1 checked against Coolify's request shapes
        self.refused = []           # (method, path, status, errors) of each request refused by that check
        self.lock = threading.Lock()
        from fake_estate import EstateRouter  # here, not at the top: fake_estate imports this module
        self.estate_router = EstateRouter(self)
        self.negotiated = []        # the ALPN protocol of each connection (None: none negotiated)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(cert_paths["cert"]), str(cert_paths["key"]))
        self.context = context
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def handle(self):
                # The TLS handshake ran at accept, so ALPN's choice is known before any request
                # (an h2 client would send a preface this HTTP/1.1 handler cannot read).
                with fake.lock:
                    fake.negotiated.append(self.connection.selected_alpn_protocol())
                super().handle()

            def handle_one(self):
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                path, _, query = self.path.partition("?")
                record = {"method": self.command, "path": path, "query": query,
                          "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
                with fake.lock:
                    fake.requests.append(record)
                delay = fake.delays.get(path)
                if delay:
                    time.sleep(delay)
                status, headers, payload = fake.route(self.command, path, body, record)
                self.send_response(status)
                headers = dict(headers)
                headers.setdefault("Content-Type", "application/json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = handle_one

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        # A short poll interval: stop() waits for the loop to notice, once per test.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    def offer_alpn(self, protocols):
        """Offers these ALPN protocols on connections accepted from now on, in this order of
        preference: ["h2", "http/1.1"] is what Traefik and Caddy offer, and picks h2 when the
        client offers it too."""
        self.context.set_alpn_protocols(list(protocols))

    @property
    def base_url(self):
        return f"https://127.0.0.1:{self.port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def calls(self, method=None, path=None):
        with self.lock:
            return [r for r in self.requests if (method is None or r["method"] == method) and (path is None or r["path"] == path)]

    @staticmethod
    def json_answer(status, value):
        return status, {}, json.dumps(value).encode()

    def route(self, method, path, body, record):
        override = self.overrides.get((method, path))
        if override is not None:
            status, headers, payload = override(record) if callable(override) else override
            return status, headers, payload
        if not path.startswith("/api/v1/"):
            return self.json_answer(404, {"message": "Not found."})
        api = path[len("/api/v1"):]
        # Before any handler, this one's included: what Coolify would refuse is refused here.
        refusal = self.estate_router.refusal(method, api, record["query"], body)
        with self.lock, FakeCoolify.everywhere_lock:
            self.validated += 1
            FakeCoolify.validated_everywhere += 1
            if refusal is not None:
                self.refused.append((method, path, refusal[0], refusal[2]))
                FakeCoolify.refused_everywhere.append((method, path, refusal[0], refusal[2]))
        if refusal is not None:
            return self.json_answer(refusal[0], refusal[1])
        estate = self.estate
        if method == "GET" and api == "/version":
            return 200, {"Content-Type": "text/html; charset=UTF-8"}, self.version.encode()
        if method == "GET" and api == "/applications":
            return self.json_answer(200, estate["applications"])
        if method == "GET" and api == "/servers":
            return self.json_answer(200, estate["servers"])
        match = re.fullmatch(r"/(applications|servers)/([^/]+)", api)
        if method == "GET" and match:
            kind, uuid = match.groups()
            for item in estate[kind]:
                if item["uuid"] == uuid:
                    return self.json_answer(200, item)
            return self.json_answer(404, {"message": f"{kind[:-1].capitalize()} not found."})
        match = re.fullmatch(r"/(applications|services|databases)/([^/]+)/envs(?:/(bulk|[^/]+))?", api)
        if match:
            kind, uuid, tail = match.groups()
            rows = estate["envs"].setdefault((kind, uuid), [])
            data = json.loads(body) if body else {}
            if method == "GET" and tail is None:
                return self.json_answer(200, rows)
            if method == "POST" and tail is None:
                if not data.get("key"):
                    return self.json_answer(422, {"message": "Validation failed.", "errors": {"key": ["The key field is required."]}})
                row = env_row(f"new{len(rows)}", data["key"], data.get("value", ""))
                rows.append(row)
                return self.json_answer(201, {"uuid": row["uuid"]})
            if method == "PATCH" and tail is None:
                for row in rows:
                    if row["key"] == data.get("key"):
                        row["value"] = row["real_value"] = data.get("value")
                        return self.json_answer(201, row)
                row = env_row(f"upd{len(rows)}", data.get("key"), data.get("value"))
                rows.append(row)
                return self.json_answer(201, row)
            if method == "PATCH" and tail == "bulk":
                return self.json_answer(201, [env_row("bulk", d.get("key"), d.get("value")) for d in data.get("data", [])])
            if method == "DELETE" and tail not in (None, "bulk"):
                rows[:] = [r for r in rows if r["uuid"] != tail]
                return self.json_answer(200, {"message": "Environment variable deleted."})
        answer = self.estate_router.handle(method, api, record["query"], body, record["headers"])
        if answer is not None:
            return answer
        return self.json_answer(404, {"message": "Not found."})
