"""RQ's worker for the Redis deployment (settings.RQ names it; needs django-tasks-rq).

RQ forks a fresh process for every job, so what a job learns is lost when it
ends: warming up inside the task would cost every job the warm-up again. This
worker warms up once, in the parent, before it starts forking.
"""

from rq.worker import Worker

from . import tasks


class WarmWorker(Worker):
    def work(self, *args, **kwargs):
        tasks.warm_up()
        return super().work(*args, **kwargs)
