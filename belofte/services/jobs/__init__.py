"""Jobs: work that runs later, when due, once in effect, and survives a crash.

`queue` enqueues inside the caller's unit of work (an outbox) and lists,
retries and cancels; `registry` maps a job's kind to its handler; `worker`
claims and runs them; `schedules` turns recurring jobs into due ones.
"""
