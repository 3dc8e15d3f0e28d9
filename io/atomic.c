/*
 * atomic.c - all-or-nothing file output (see atomic.h).
 *
 * A schedule is either completely there or not changed at all: readers of
 * the target (a scheduler picking up the plan, a diff in a script) never see
 * a half-written file, and a failed run never destroys the previous plan.
 * The library does not touch the SIGPIPE disposition; the program ignores
 * the signal, and a closed pipe then shows up here as EPIPE.
 *
 * While the temporary file exists, the signals that end a program by
 * default at a user's or the system's request (SIGINT, SIGTERM, SIGHUP,
 * SIGQUIT) are held, and the mask found is restored once the file is
 * renamed (and the directory synced) or removed: a second Ctrl-C during
 * the write then takes effect just after it, instead of killing the
 * program with the temporary file left behind.  (SIGKILL cannot be held; nothing can clean up after it.)
 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "outsafe.h"

static int fail(struct ro_diag *d, const char *path, int err)
{
	ro_diag_add(d, NULL, 0, "cannot write '%s': %s", path, strerror(err));
	return RO_EIO;
}

/* A failure to write path, or, in_err, to read the source from. */
static int fail_io(struct ro_diag *d, const char *path, const char *from,
		   bool in_err, int err)
{
	if (!in_err)
		return fail(d, path, err);
	ro_diag_add(d, NULL, 0, "cannot read '%s': %s", from, strerror(err));
	return RO_EIO;
}

/* Writes all of buf to fd, retrying short writes and EINTR.  Returns 0 or
 * an errno value. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (w == 0)
			return EIO;   /* no progress and no error: give up */
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* What is written: a buffer, or the contents of an open file. */
struct source {
	const char *buf;
	size_t len;
	int fd;   /* >= 0: copy from here instead */
};

/* Writes all of src to fd.  Returns 0 or an errno value; *in_err says
 * whether it was reading the source that failed. */
static int emit(int fd, const struct source *src, bool *in_err)
{
	char chunk[65536];

	*in_err = false;
	if (src->fd < 0)
		return write_all(fd, src->buf, src->len);
	for (;;) {
		ssize_t n = read(src->fd, chunk, sizeof chunk);
		int err;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			*in_err = true;
			return errno;
		}
		if (n == 0)
			return 0;
		err = write_all(fd, chunk, (size_t)n);
		if (err)
			return err;
	}
}

/* Direct output: stdout, a terminal, /dev/null, a block device, a FIFO. */
static int write_direct(const char *path, int fd, const struct source *src,
			const char *from, struct ro_diag *d)
{
	bool in_err;
	int err = emit(fd, src, &in_err);

	if (err)
		return fail_io(d, path, from, in_err, err);
	return RO_OK;
}

/* Holds the signals that end a program at a request (see the top of the
 * file); *old receives the mask to restore. */
static void hold_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void release_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* The mode a newly created file gets: 0666 minus the umask.  umask() can only
 * be read by setting it; the library is single-threaded. */
static mode_t new_file_mode(void)
{
	mode_t m = umask(022);

	umask(m);
	return 0666 & ~m;
}

/* ro_write_file_atomic of src; from names the source in messages. */
static int write_atomic(const char *path, const struct source *src,
			const char *from, struct ro_diag *d)
{
	struct stat st;
	sigset_t held;
	bool exists, in_err = false;
	char *dir = NULL, *tmp = NULL;
	const char *base;
	int fd = -1, dfd, err, rc;
	mode_t mode;

	if (strcmp(path, "-") == 0)
		return write_direct(path, STDOUT_FILENO, src, from, d);
	/* a link planted to a device or a FIFO is not written through, nor
	 * an inventory a site was read from replaced */
	rc = ro_output_link_check(path, d);
	if (rc == RO_OK)
		rc = ro_output_noted_check(path, d);
	if (rc != RO_OK)
		return rc;

	exists = stat(path, &st) == 0;
	if (exists && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
		       S_ISFIFO(st.st_mode))) {
		fd = open(path, O_WRONLY | O_NOCTTY | O_NOFOLLOW);
		if (fd < 0)
			return fail(d, path, errno);
		rc = write_direct(path, fd, src, from, d);
		if (close(fd) != 0 && rc == RO_OK && errno != EINTR)
			rc = fail(d, path, errno);
		return rc;
	}
	if (exists && S_ISDIR(st.st_mode))
		return fail(d, path, EISDIR);
	/* keep the mode of a file we replace; else what open() would give */
	mode = exists ? (st.st_mode & 07777) : new_file_mode();

	dir = ro_path_dir(path);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	tmp = dir ? ro_malloc(strlen(dir) + strlen(base) + 16) : NULL;
	if (!tmp) {
		ro_free(dir);
		ro_diag_add(d, NULL, 0, "cannot write '%s': out of memory",
			    path);
		return RO_ENOMEM;
	}
	strcpy(tmp, dir);
	strcat(tmp, "/.");
	strcat(tmp, base);
	strcat(tmp, ".XXXXXX");

	hold_signals(&held);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = fail(d, path, errno);
		release_signals(&held);
		goto out_free;
	}
	err = emit(fd, src, &in_err);
	if (!err && fchmod(fd, mode) != 0)
		err = errno;
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err && errno != EINTR)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err) {
		unlink(tmp);
		release_signals(&held);
		rc = fail_io(d, path, from, in_err, err);
		goto out_free;
	}

	/* The rename is durable only once the directory is synced.  Some file
	 * systems cannot sync a directory (EINVAL): nothing more to do there.
	 * A held signal takes effect after that. */
	rc = RO_OK;
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		if (fsync(dfd) != 0 && errno != EINVAL && errno != EROFS)
			rc = fail(d, path, errno);
		close(dfd);
	}
	release_signals(&held);
out_free:
	ro_free(tmp);
	ro_free(dir);
	return rc;
}

int ro_write_file_atomic(const char *path, const void *buf, size_t len,
			 struct ro_diag *d)
{
	struct source src = { buf, len, -1 };

	if (!path || !*path || (!buf && len > 0) || !d) {
		if (d)
			ro_diag_add(d, NULL, 0,
				    "cannot write '%s': invalid argument",
				    path ? path : "(null)");
		return RO_EARG;
	}
	if (!buf)
		src.buf = "";
	return write_atomic(path, &src, path, d);
}

int ro_scratch_file(char **tmp, struct ro_diag *d)
{
	const char *dir = getenv("TMPDIR");
	char *name;
	int fd;

	if (!tmp || !d)
		return RO_EARG;
	*tmp = NULL;
	if (!dir || !*dir)
		dir = "/tmp";
	name = ro_malloc(strlen(dir) + sizeof "/rollout-XXXXXX");
	if (!name) {
		ro_diag_add(d, NULL, 0, "cannot create a temporary file: out of "
			    "memory");
		return RO_ENOMEM;
	}
	strcpy(name, dir);
	strcat(name, "/rollout-XXXXXX");
	fd = mkstemp(name);   /* 0600, O_EXCL */
	if (fd < 0) {
		ro_diag_add(d, NULL, 0, "cannot create a temporary file in '%s': "
			    "%s", dir, strerror(errno));
		ro_free(name);
		return RO_EIO;
	}
	close(fd);
	*tmp = name;
	return RO_OK;
}

int ro_write_file_atomic_from(const char *path, const char *tmp,
			      struct ro_diag *d)
{
	struct source src = { NULL, 0, -1 };
	int rc;

	if (!path || !*path || !tmp || !d) {
		if (d)
			ro_diag_add(d, NULL, 0,
				    "cannot write '%s': invalid argument",
				    path ? path : "(null)");
		if (tmp)
			unlink(tmp);
		return RO_EARG;
	}
	src.fd = open(tmp, O_RDONLY);
	if (src.fd < 0) {
		ro_diag_add(d, NULL, 0, "cannot read '%s': %s", tmp,
			    strerror(errno));
		unlink(tmp);
		return RO_EIO;
	}
	rc = write_atomic(path, &src, tmp, d);
	close(src.fd);
	unlink(tmp);
	return rc;
}
