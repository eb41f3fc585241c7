"""Fill the database with generated articles, claims, verdicts, evidence and history, fast, for benchmarks and demos.

Like ``loaddata``, this loads fixtures rather than making editorial changes, so it writes rows directly: with
PostgreSQL ``COPY ... FROM STDIN`` (about a million claims in well under a minute), elsewhere ``bulk_create``.
Nothing is split or enqueued: the generated claims arrive as if the workers had already split their articles.
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from articles import bulk_insert, roles, services
from articles.models import Article, Claim, ClaimEvent, Evidence

OUTLETS = [
    "The Daily Ledger",
    "Northern Courier",
    "Harbour Times",
    "Tech Dispatch",
    "Market Wire",
    "City Gazette",
    "The Observer Post",
    "Science Weekly",
    "Valley Herald",
    "Global Report",
]
COMPANIES = ["Orbit Labs", "Quarry", "Lumen", "Kestrel Motors", "Aster Bank", "Northwind", "Helix Bio", "Pallas"]
PRODUCTS = ["phone", "sensor", "battery", "satellite", "vaccine", "chip", "car", "camera"]
# Some claims start like a spreadsheet formula on purpose, so that exports of generated data exercise the guard.
TEMPLATES = [
    "{company} said on Monday it had raised ${amount} million for its new {product}.",
    "{company} has {count} employees in {city} and plans to double that by {year}.",
    "The {product} made by {company} has a 1/{ratio}-inch sensor and a {megapixels}MP camera.",
    "Its partnership with {other} has lasted {years} years, the chief executive said.",
    "{company} is the {rank}-largest maker of {product}s in the world.",
    "Sales of the {product} rose {percent}% in {year}, compared with the year before.",
    "-{percent}% is how far shares of {company} fell after the {product} launch.",
    "+{percent}% growth in {city} made {company} the fastest-growing {product} maker.",
    "=SUM({count};{years}) was the figure quoted by {company} for its {product} sales.",
    "@{company} claims its {product} lasts {years} days on one charge.",
]
CITIES = ["Lisbon", "Oslo", "Nairobi", "Osaka", "Lima", "Tallinn", "Porto", "Quebec"]
ORDINALS = ["second", "third", "fourth", "fifth"]
KINDS = Claim.Kind.values
# Most claims of a newsroom are waiting for review; the rest carry every verdict.
STATUS_WEIGHTS = [
    (Claim.Status.UNREVIEWED, 60),
    (Claim.Status.VERIFIED, 20),
    (Claim.Status.DISPUTED, 10),
    (Claim.Status.WRONG, 5),
    (Claim.Status.NOT_A_CLAIM, 5),
]
EVIDENCE_SHARE = 0.25  # of reviewed claims
REVIEWER_COUNT = 5


@dataclass
class Generated:
    articles: list[tuple] = field(default_factory=list)
    claims: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    evidence: list[tuple] = field(default_factory=list)


ARTICLE_COLUMNS = (
    "id",
    "title",
    "outlet",
    "author",
    "url",
    "published",
    "text",
    "original",
    "original_name",
    "original_format",
    "content_hash",
    "status",
    "error",
    "split_attempts",
    "engine_version",
    "status_changed_at",
    "split_at",
    "created_at",
    "updated_at",
)
CLAIM_COLUMNS = (
    "id",
    "article_id",
    "position",
    "text",
    "start",
    "end",
    "score",
    "kind",
    "facts",
    "reasons",
    "engine_version",
    "status",
    "reviewer_id",
    "reviewed_at",
    "note",
    "version",
    "created_at",
    "updated_at",
)
EVENT_COLUMNS = ("claim_id", "actor_id", "action", "from_status", "to_status", "note", "created_at")
EVIDENCE_COLUMNS = ("claim_id", "url", "note", "added_by_id", "created_at")


class Command(BaseCommand):
    help = "Generate N articles with M claims each (verdicts, evidence and history included) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles to generate.")
        parser.add_argument("--claims-per-article", type=int, default=10, help="Claims per article (default 10).")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for reproducible data.")
        parser.add_argument("--batch", type=int, default=2000, help="Articles per transaction (default 2000).")

    def handle(self, *args, articles, claims_per_article, seed, batch, **options):
        if articles < 1 or claims_per_article < 0:
            raise CommandError("--articles must be at least 1 and --claims-per-article at least 0.")
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
        reviewers = self._reviewers()
        # A run label keeps the content hashes of this run apart from earlier runs (they are unique).
        run = secrets.token_hex(4) if seed is None else f"s{seed}-{time.time_ns():x}"
        started = time.monotonic()
        made_articles = made_claims = 0
        use_copy = connection.vendor == "postgresql"
        for first in range(0, articles, batch):
            count = min(batch, articles - first)
            with transaction.atomic():
                article_ids = self._reserve_ids(Article, count)
                claim_ids = self._reserve_ids(Claim, count * claims_per_article)
                data = _generate(rng, run, first, article_ids, claim_ids, claims_per_article, reviewers)
                (self._copy if use_copy else self._bulk_create)(data)
            made_articles += count
            made_claims += len(data.claims)
            if sys.stderr.isatty():
                sys.stderr.write(f"\r{made_articles}/{articles} articles, {made_claims} claims")
                sys.stderr.flush()
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        if use_copy:
            with connection.cursor() as cursor:
                for table in ("articles_article", "articles_claim", "articles_claimevent", "articles_evidence"):
                    cursor.execute(f"ANALYZE {table}")
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Generated {made_articles} articles and {made_claims} claims in {seconds:.1f}s "
            f"({made_claims / max(seconds, 1e-9):,.0f} claims/s)."
        )

    def _reviewers(self) -> list[int]:
        users = []
        for number in range(1, REVIEWER_COUNT + 1):
            user = services.desk_user_ensure(
                username=f"demo-reviewer-{number}", password=secrets.token_urlsafe(24), role=roles.REVIEWERS
            )
            users.append(user.pk)
        return users

    def _reserve_ids(self, model, count: int) -> list[int]:
        """Take ids from the table's own sequence, so that rows inserted by others meanwhile never collide."""
        if count == 0:
            return []
        if connection.vendor != "postgresql":
            return [None] * count
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]

    def _copy(self, data: Generated) -> None:
        for table, columns, rows in (
            ("articles_article", ARTICLE_COLUMNS, data.articles),
            ("articles_claim", CLAIM_COLUMNS, data.claims),
            ("articles_claimevent", EVENT_COLUMNS, data.events),
            ("articles_evidence", EVIDENCE_COLUMNS, data.evidence),
        ):
            if rows:
                bulk_insert.copy_rows(table, columns, rows)

    def _bulk_create(self, data: Generated) -> None:
        # Without sequences to reserve from, articles are inserted first and claims pick up their new ids.
        articles = [Article(**dict(zip(ARTICLE_COLUMNS[1:], row[1:], strict=True))) for row in data.articles]
        Article.objects.bulk_create(articles, batch_size=500)
        if not articles[0].pk:
            hashes = [article.content_hash for article in articles]
            ids = dict(Article.objects.filter(content_hash__in=hashes).values_list("content_hash", "pk"))
            for article in articles:
                article.pk = ids[article.content_hash]
        claims = []
        for row in data.claims:
            values = dict(zip(CLAIM_COLUMNS[1:], row[1:], strict=True))
            values["article_id"] = articles[values["article_id"]].pk
            values["facts"] = json.loads(values["facts"])
            values["reasons"] = json.loads(values["reasons"])
            claims.append(Claim(**values))
        Claim.objects.bulk_create(claims, batch_size=500)
        if claims and not claims[0].pk:
            article_ids = [article.pk for article in articles]
            by_key = {
                (article_id, position): pk
                for pk, article_id, position in Claim.objects.filter(article_id__in=article_ids).values_list(
                    "pk", "article_id", "position"
                )
            }
            for claim in claims:
                claim.pk = by_key[(claim.article_id, claim.position)]
        events = [ClaimEvent(**dict(zip(EVENT_COLUMNS, row, strict=True))) for row in data.events]
        evidence = [Evidence(**dict(zip(EVIDENCE_COLUMNS, row, strict=True))) for row in data.evidence]
        for item in (*events, *evidence):
            item.claim_id = claims[item.claim_id].pk
        ClaimEvent.objects.bulk_create(events, batch_size=500)
        Evidence.objects.bulk_create(evidence, batch_size=500)


def _statuses(rng: random.Random, count: int) -> list[str]:
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    return rng.choices(statuses, weights=weights, k=count)


def _sentence(rng: random.Random) -> tuple[str, list[dict]]:
    values = {
        "company": rng.choice(COMPANIES),
        "other": rng.choice(COMPANIES),
        "product": rng.choice(PRODUCTS),
        "amount": rng.randint(2, 900),
        "count": rng.randint(10, 9000),
        "city": rng.choice(CITIES),
        "year": rng.randint(2020, 2030),
        "ratio": rng.choice(["1.1", "1.3", "1.5", "2"]),
        "megapixels": rng.choice([12, 48, 50, 64, 200]),
        "years": rng.randint(2, 12),
        "rank": rng.choice(ORDINALS),
        "percent": rng.randint(1, 80),
    }
    template = rng.choice(TEMPLATES)
    facts = [{"type": "quantity", "value": values["count"], "unit": "", "subject": values["company"]}]
    return template.format(**values), facts


def _generate(
    rng: random.Random,
    run: str,
    offset: int,
    article_ids: list[int | None],
    claim_ids: list[int | None],
    claims_per_article: int,
    reviewers: list[int],
) -> Generated:
    """Rows for one batch. Without reserved ids (SQLite), claims and events point at list indexes instead."""
    data = Generated()
    now = timezone.now()
    today = date.today()
    statuses = _statuses(rng, len(claim_ids))
    claim_index = 0
    for number, article_id in enumerate(article_ids):
        serial = offset + number
        outlet = rng.choice(OUTLETS)
        sentences = [_sentence(rng) for _ in range(claims_per_article)]
        text_parts: list[str] = []
        spans: list[tuple[int, int]] = []
        cursor = 0
        for sentence, _ in sentences:
            spans.append((cursor, cursor + len(sentence)))
            text_parts.append(sentence)
            cursor += len(sentence) + 1
        text = " ".join(text_parts) or f"Generated article {serial}."
        created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        content_hash = hashlib.sha256(f"{run}:{serial}:{text}".encode()).hexdigest()
        data.articles.append(
            (
                article_id,
                f"Generated article {serial}: {sentences[0][0][:60] if sentences else outlet}",
                outlet,
                f"Reporter {rng.randint(1, 200)}",
                f"https://news.example.com/{run}/{serial}",
                today - timedelta(days=rng.randint(0, 730)),
                text,
                b"",
                "",
                "txt",
                content_hash,
                Article.Status.SPLIT,
                "",
                1,
                "generated",
                created,
                created,
                created,
                created,
            )
        )
        for position, ((sentence, facts), (start, end)) in enumerate(zip(sentences, spans, strict=True)):
            status = statuses[claim_index]
            reviewed = status != Claim.Status.UNREVIEWED
            reviewer = rng.choice(reviewers) if reviewed else None
            reviewed_at: datetime | None = created + timedelta(minutes=rng.randint(1, 5000)) if reviewed else None
            note = rng.choice(["", "", "Checked against the annual report.", "Source: company filing"])
            note = note if reviewed else ""
            claim_key = claim_ids[claim_index] if claim_ids[claim_index] is not None else claim_index
            data.claims.append(
                (
                    claim_ids[claim_index],
                    article_id if article_id is not None else number,
                    position,
                    sentence,
                    start,
                    end,
                    round(rng.random(), 3),
                    rng.choice(KINDS),
                    json.dumps(facts),
                    json.dumps(["generated"]),
                    "generated",
                    status,
                    reviewer,
                    reviewed_at,
                    note,
                    2 if reviewed else 1,
                    created,
                    reviewed_at or created,
                )
            )
            if reviewed:
                data.events.append(
                    (claim_key, reviewer, ClaimEvent.Action.REVIEW, Claim.Status.UNREVIEWED, status, note, reviewed_at)
                )
                if rng.random() < EVIDENCE_SHARE:
                    data.evidence.append(
                        (claim_key, f"https://evidence.example.org/{run}/{serial}/{position}", note, reviewer, now)
                    )
            claim_index += 1
    return data
