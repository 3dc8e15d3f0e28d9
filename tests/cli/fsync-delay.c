/*
 * fsync-delay.c - an LD_PRELOAD shim for t0501-interrupt.sh: the first
 * fsync() of the process sleeps RO_FSYNC_DELAY seconds (whole: a signal
 * does not cut the sleep short) before doing its work, so that a test can
 * signal the program while its temporary file exists.  Not part of
 * rollout.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int fsync(int fd)
{
	static int (*real)(int);
	static int done;
	const char *v = getenv("RO_FSYNC_DELAY");

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (!done && v) {
		struct timespec t = { atoi(v), 0 };

		done = 1;
		while (nanosleep(&t, &t) != 0 && errno == EINTR)
			;
	}
	return real(fd);
}
