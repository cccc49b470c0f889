import django.db.models.deletion
from django.db import migrations, models

# On SQLite the words are searched in an FTS5 table kept by triggers from
# reader_articlesearch, so that the one place the code writes is the model.
# PostgreSQL searches the model's column itself (see ArticleQuerySet.search).
FTS5_CREATE = [
    "CREATE VIRTUAL TABLE reader_articlesearch_fts USING fts5(words, "
    "content='reader_articlesearch', content_rowid='article_id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER reader_articlesearch_ai AFTER INSERT ON reader_articlesearch BEGIN "
    "INSERT INTO reader_articlesearch_fts(rowid, words) VALUES (new.article_id, new.words); END",
    "CREATE TRIGGER reader_articlesearch_ad AFTER DELETE ON reader_articlesearch BEGIN "
    "INSERT INTO reader_articlesearch_fts(reader_articlesearch_fts, rowid, words) "
    "VALUES ('delete', old.article_id, old.words); END",
    "CREATE TRIGGER reader_articlesearch_au AFTER UPDATE ON reader_articlesearch BEGIN "
    "INSERT INTO reader_articlesearch_fts(reader_articlesearch_fts, rowid, words) "
    "VALUES ('delete', old.article_id, old.words); "
    "INSERT INTO reader_articlesearch_fts(rowid, words) VALUES (new.article_id, new.words); END",
]
FTS5_DROP = [
    "DROP TRIGGER IF EXISTS reader_articlesearch_ai",
    "DROP TRIGGER IF EXISTS reader_articlesearch_ad",
    "DROP TRIGGER IF EXISTS reader_articlesearch_au",
    "DROP TABLE IF EXISTS reader_articlesearch_fts",
]


def _run_on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def index_articles(apps, schema_editor):
    """Index the articles imported before search existed."""
    from reader.services import search_document

    Article = apps.get_model("reader", "Article")
    ArticleSearch = apps.get_model("reader", "ArticleSearch")
    Segment = apps.get_model("reader", "Segment")
    for article in Article.objects.all():
        rows = Segment.objects.filter(pair__article=article).values_list("annotation", "en")
        words = search_document(title_en=article.title_en, title_zh=article.title_zh, segments=rows)
        ArticleSearch.objects.update_or_create(article_id=article.pk, defaults={"words": words})


class Migration(migrations.Migration):
    dependencies = [
        ("reader", "0015_profile_script"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleSearch",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search",
                        serialize=False,
                        to="reader.article",
                    ),
                ),
                (
                    "words",
                    models.TextField(
                        blank=True,
                        help_text="Titles, Chinese words and English, lowercased and space-separated.",
                    ),
                ),
            ],
            options={
                "ordering": ["article"],
            },
        ),
        migrations.RunPython(_run_on_sqlite(FTS5_CREATE), _run_on_sqlite(FTS5_DROP)),
        migrations.RunPython(index_articles, migrations.RunPython.noop),
    ]
