"""A signal to stop the gates still running: once one gate has failed, the
others' findings are not reported (site_tools/gates.py), so their browsers,
Java and Lighthouse are ended rather than waited for."""

import threading


class Stop:
    def __init__(self):
        self._set = threading.Event()
        self._lock = threading.Lock()
        self._callbacks = []

    def on_stop(self, callback):
        """Call `callback` when stopped (at once if already stopped)."""
        with self._lock:
            if not self._set.is_set():
                self._callbacks.append(callback)
                return
        callback()

    def set(self):
        with self._lock:
            self._set.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception:  # the process or browser has already ended
                pass

    def is_set(self):
        return self._set.is_set()
