"""SQLite, with the write transactions of every process queued on one lock file.

SQLite lets one writer at a time; a connection that finds the database locked sleeps in its busy
handler (1, 2, 5, 10… ms) and tries again, so under several server workers the lock is often
free while the next writer still sleeps. Here a write transaction (Django's transactions on
SQLite begin IMMEDIATE: every `atomic` is one) first takes an exclusive `flock` of
`<database>.queue`: the kernel wakes the next waiter the moment the lock is released, with no
polling. Writes outside a transaction (autocommit) do not queue; they still meet SQLite's own
lock and its busy handler. POSIX only (`fcntl`); an in-memory database needs no queue."""

import fcntl

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _queue = None

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        name = str(self.settings_dict["NAME"])
        if name and name != ":memory:" and not name.startswith("file:"):
            self._queue = open(f"{name}.queue", "ab")  # noqa: SIM115 (kept with the connection)
        return connection

    def _start_transaction_under_autocommit(self):
        if self._queue is not None:
            fcntl.flock(self._queue, fcntl.LOCK_EX)
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._leave_queue()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._leave_queue()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._leave_queue()

    def _close(self):
        try:
            return super()._close()
        finally:
            if self._queue is not None:
                self._queue.close()  # closing releases a lock still held
                self._queue = None

    def _leave_queue(self):
        if self._queue is not None:
            fcntl.flock(self._queue, fcntl.LOCK_UN)
