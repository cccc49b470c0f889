"""Background tasks (django-tasks): the teacher's heavy work, run by the worker.

``manage.py db_worker`` runs them with the database backend; with Redis,
``manage.py rqworker default`` does (settings.RQ names the job and worker classes).
The work itself is ``services.run_job``; a task only carries the job's id.
"""

from django.conf import settings
from django_tasks import task

from . import services

_warm = False


def warm_up() -> None:
    """Once per worker process: the common words, prepared before the first
    article rather than while it runs (reader.text.pipeline.warm_up). RQ's
    worker calls it before it forks (reader.rq_worker), so each job starts warm."""
    global _warm
    if not _warm and settings.DUIZHAO_WARM_UP:
        from .text.pipeline import warm_up as prepare

        prepare(standard=settings.DUIZHAO_HSK_STANDARD)
        _warm = True


@task()
def run_job(job_id: int) -> str:
    """Run one job; return how it ended ("done" or "failed")."""
    warm_up()
    return services.run_job(job_id).status
