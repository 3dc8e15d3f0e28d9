/*
 * test_atomic.c - all-or-nothing output (io/atomic.c).
 *
 * Failures are provoked without root privileges mattering: /dev/full
 * (ENOSPC on a character device), a missing directory, a closed pipe on
 * standard output (EPIPE), and RLIMIT_FSIZE (EFBIG) for a failure in the
 * middle of writing the temporary file, which must leave an existing target
 * untouched and no temporary file behind.  As root, a read-only directory
 * is tested in a child that has become nobody, and a block device node is
 * made with mknod.
 */
#define _GNU_SOURCE   /* setgroups, mknod */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../io/atomic.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "fixture.h"

static struct ro_diag d;
static char dir[64];
static char target[128];

static void setup(void)
{
	ro_diag_init(&d);
	strcpy(dir, "/tmp/ro-atomic-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(target, sizeof target, "%s/out.xml", dir);
}

/* Number of entries in dir other than . and .. */
static int entries(void)
{
	DIR *dd = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(dd);
	while ((e = readdir(dd)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(dd);
	return n;
}

static void teardown(void)
{
	DIR *dd = opendir(dir);
	struct dirent *e;
	char p[512];

	while (dd && (e = readdir(dd)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			chmod(p, 0700);
			unlink(p);
		}
	if (dd)
		closedir(dd);
	chmod(dir, 0700);
	rmdir(dir);
	ro_diag_release(&d);
}

static void put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

static void expect_content(const char *path, const char *text)
{
	char buf[256] = { 0 };
	FILE *fp = fopen(path, "r");

	ck_assert_ptr_nonnull(fp);
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	ck_assert_uint_eq(n, strlen(text));
	ck_assert_str_eq(buf, text);
}

START_TEST(creates_and_replaces)
{
	struct stat st;
	mode_t m = umask(022);

	ck_assert_int_eq(ro_write_file_atomic(target, "new\n", 4, &d), RO_OK);
	expect_content(target, "new\n");
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	/* a replaced file keeps its mode */
	ck_assert_int_eq(chmod(target, 0600), 0);
	ck_assert_int_eq(ro_write_file_atomic(target, "newer\n", 6, &d), RO_OK);
	expect_content(target, "newer\n");
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(entries(), 1);
	/* empty output is a valid, empty file */
	ck_assert_int_eq(ro_write_file_atomic(target, NULL, 0, &d), RO_OK);
	expect_content(target, "");
	ck_assert_uint_eq(d.n, 0);
	umask(m);
}
END_TEST

START_TEST(relative_path)
{
	char cwd[512];

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(ro_write_file_atomic("rel.xml", "x", 1, &d), RO_OK);
	ck_assert_int_eq(chdir(cwd), 0);
	snprintf(target, sizeof target, "%s/rel.xml", dir);
	expect_content(target, "x");
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(dev_full)
{
	ck_assert_int_eq(ro_write_file_atomic("/dev/full", "data", 4, &d),
			 RO_EIO);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, "cannot write '/dev/full': No space left "
			 "on device");
	/* /dev/null is written directly and survives */
	ck_assert_int_eq(ro_write_file_atomic("/dev/null", "data", 4, &d),
			 RO_OK);
	ck_assert_uint_eq(d.n, 1);
}
END_TEST

START_TEST(missing_directory)
{
	char path[200];

	snprintf(path, sizeof path, "%s/no/such/out.xml", dir);
	ck_assert_int_eq(ro_write_file_atomic(path, "data", 4, &d), RO_EIO);
	ck_assert_uint_eq(d.n, 1);
	char want[300];
	snprintf(want, sizeof want, "cannot write '%s': No such file or "
		 "directory", path);
	ck_assert_str_eq(d.v[0].msg, want);
}
END_TEST

START_TEST(target_is_directory)
{
	char want[300];

	ck_assert_int_eq(ro_write_file_atomic(dir, "data", 4, &d), RO_EIO);
	snprintf(want, sizeof want, "cannot write '%s': Is a directory", dir);
	ck_assert_str_eq(d.v[0].msg, want);
}
END_TEST

START_TEST(failure_keeps_old_target)
{
	struct rlimit old, lim;
	static char big[64 * 1024];
	void (*prev)(int);

	put(target, "old\n");
	memset(big, 'x', sizeof big);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 1024;
	prev = signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	int rc = ro_write_file_atomic(target, big, sizeof big, &d);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);
	ck_assert_int_eq(rc, RO_EIO);
	ck_assert_uint_eq(d.n, 1);
	char want[300];
	snprintf(want, sizeof want, "cannot write '%s': File too large",
		 target);
	ck_assert_str_eq(d.v[0].msg, want);
	expect_content(target, "old\n");
	ck_assert_int_eq(entries(), 1);   /* no temporary file left */
}
END_TEST

/* A directory the writer cannot write to.  Root writes anyway, so as root
 * (CI runs as root) the write is made by a child that has become nobody
 * (65534): the directory stays root's, 0555. */
START_TEST(read_only_directory)
{
	char want[300];
	int rc;

	put(target, "old\n");
	ck_assert_int_eq(chmod(dir, 0555), 0);
	if (geteuid() != 0) {
		rc = ro_write_file_atomic(target, "new", 3, &d);
	} else {
		int fds[2], ws;
		pid_t pid;
		char msg[300] = "";

		ck_assert_int_eq(pipe(fds), 0);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			close(fds[0]);
			if (setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
			    setuid(65534) != 0 || geteuid() == 0)
				_exit(100);
			rc = ro_write_file_atomic(target, "new", 3, &d);
			if (d.n)
				(void)!write(fds[1], d.v[0].msg, strlen(d.v[0].msg));
			_exit(rc);
		}
		close(fds[1]);
		ssize_t n = read(fds[0], msg, sizeof msg - 1);
		close(fds[0]);
		ck_assert_int_eq(waitpid(pid, &ws, 0), pid);
		ck_assert(WIFEXITED(ws));
		ck_assert_msg(WEXITSTATUS(ws) != 100, "cannot become nobody");
		rc = WEXITSTATUS(ws);
		msg[n > 0 ? n : 0] = '\0';
		ro_diag_add(&d, NULL, 0, "%s", msg);
	}
	ck_assert_int_eq(chmod(dir, 0700), 0);
	ck_assert_int_eq(rc, RO_EIO);
	snprintf(want, sizeof want, "cannot write '%s': Permission denied",
		 target);
	ck_assert_str_eq(d.v[0].msg, want);
	expect_content(target, "old\n");
	ck_assert_int_eq(entries(), 1);
}
END_TEST

/* A block device node is written directly, like a character device, and
 * never replaced by a regular file.  A node of a major number no driver
 * has (240, for local use) cannot be opened: the error is reported and
 * the node stays.  Needs root (mknod). */
START_TEST(block_device)
{
	char path[200], want[300];
	struct stat st;

	snprintf(path, sizeof path, "%s/blk", dir);
	if (mknod(path, S_IFBLK | 0600, makedev(240, 0)) != 0) {
		fprintf(stderr, "skip: block_device: mknod: %s\n", strerror(errno));
		return;
	}
	ck_assert_int_eq(ro_write_file_atomic(path, "data", 4, &d), RO_EIO);
	ck_assert_uint_eq(d.n, 1);
	snprintf(want, sizeof want, "cannot write '%s': ", path);
	ck_assert(strncmp(d.v[0].msg, want, strlen(want)) == 0);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISBLK(st.st_mode));
	ck_assert(st.st_rdev == makedev(240, 0));
	ck_assert_int_eq(entries(), 1);   /* no temporary file */
}
END_TEST

/* A file another library wrote under a name of its own (GLPK's LP and
 * MPS writers) is copied to the target by the same rules, and removed. */
START_TEST(from_scratch_file)
{
	char *tmp = NULL, fifo[200], buf[32] = { 0 };
	const char *old = getenv("TMPDIR");
	struct stat st;
	int rfd;

	setenv("TMPDIR", dir, 1);
	ck_assert_int_eq(ro_scratch_file(&tmp, &d), RO_OK);
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	ck_assert(strncmp(tmp, dir, strlen(dir)) == 0);
	ck_assert_int_eq(stat(tmp, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	put(tmp, "lp text\n");
	put(target, "old\n");
	ck_assert_int_eq(chmod(target, 0640), 0);
	ck_assert_int_eq(ro_write_file_atomic_from(target, tmp, &d), RO_OK);
	expect_content(target, "lp text\n");
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	ck_assert_int_ne(stat(tmp, &st), 0);   /* removed */
	ck_assert_int_eq(entries(), 1);
	ro_free(tmp);

	/* a FIFO: written directly */
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	rfd = open(fifo, O_RDONLY | O_NONBLOCK);
	ck_assert_int_ge(rfd, 0);
	ck_assert_int_eq(ro_scratch_file(&tmp, &d), RO_OK);
	put(tmp, "piped");
	ck_assert_int_eq(ro_write_file_atomic_from(fifo, tmp, &d), RO_OK);
	ck_assert_int_eq(read(rfd, buf, sizeof buf - 1), 5);
	ck_assert_str_eq(buf, "piped");
	close(rfd);
	ck_assert_int_ne(stat(tmp, &st), 0);
	ro_free(tmp);

	/* a failure: the target untouched, the scratch file removed all the
	 * same */
	ck_assert_int_eq(ro_scratch_file(&tmp, &d), RO_OK);
	put(tmp, "x");
	ck_assert_int_eq(ro_write_file_atomic_from("/dev/full", tmp, &d), RO_EIO);
	ck_assert_str_eq(d.v[d.n - 1].msg, "cannot write '/dev/full': No space "
			 "left on device");
	ck_assert_int_ne(stat(tmp, &st), 0);
	ck_assert_int_eq(ro_write_file_atomic_from(target, tmp, &d), RO_EIO);
	ck_assert(strncmp(d.v[d.n - 1].msg, "cannot read '", 13) == 0);
	expect_content(target, "lp text\n");
	ro_free(tmp);
	ck_assert_int_eq(ro_write_file_atomic_from(NULL, "x", &d), RO_EARG);
	ck_assert_int_eq(ro_scratch_file(NULL, &d), RO_EARG);
}
END_TEST

/* Runs ro_write_file_atomic("-") with stdout on fd; returns its code. */
static int write_stdout_to(int fd, const char *text)
{
	int saved, rc;

	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_ge(dup2(fd, STDOUT_FILENO), 0);
	rc = ro_write_file_atomic("-", text, strlen(text), &d);
	ck_assert_int_ge(dup2(saved, STDOUT_FILENO), 0);
	close(saved);
	return rc;
}

START_TEST(standard_output)
{
	int fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write_stdout_to(fd, "to stdout\n"), RO_OK);
	close(fd);
	expect_content(target, "to stdout\n");
}
END_TEST

START_TEST(broken_pipe)
{
	int p[2];
	void (*prev)(int) = signal(SIGPIPE, SIG_IGN);

	ck_assert_int_eq(pipe(p), 0);
	close(p[0]);
	ck_assert_int_eq(write_stdout_to(p[1], "lost\n"), RO_EIO);
	close(p[1]);
	signal(SIGPIPE, prev);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, "cannot write '-': Broken pipe");
}
END_TEST

START_TEST(fifo)
{
	char path[200];
	int rfd;
	char buf[16] = { 0 };

	snprintf(path, sizeof path, "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	/* a reader that does not block, so the writer's open succeeds */
	rfd = open(path, O_RDONLY | O_NONBLOCK);
	ck_assert_int_ge(rfd, 0);
	ck_assert_int_eq(ro_write_file_atomic(path, "piped", 5, &d), RO_OK);
	ck_assert_int_eq(read(rfd, buf, sizeof buf - 1), 5);
	ck_assert_str_eq(buf, "piped");
	close(rfd);
	/* still a FIFO: written directly, not replaced */
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
}
END_TEST

START_TEST(bad_arguments)
{
	ck_assert_int_eq(ro_write_file_atomic(NULL, "x", 1, &d), RO_EARG);
	ck_assert_str_eq(d.v[0].msg, "cannot write '(null)': invalid argument");
	ck_assert_int_eq(ro_write_file_atomic("", "x", 1, &d), RO_EARG);
	ck_assert_int_eq(ro_write_file_atomic(target, NULL, 1, &d), RO_EARG);
	ck_assert_int_eq(ro_write_file_atomic(target, "x", 1, NULL), RO_EARG);
	ck_assert_int_eq(entries(), 0);
}
END_TEST

START_TEST(allocation_failure)
{
	long live = ro_alloc_live();

	ro_alloc_fail_at(1, 1);
	int rc = ro_write_file_atomic(target, "x", 1, &d);
	ro_alloc_fail_at(0, 0);
	ck_assert_int_eq(rc, RO_ENOMEM);
	ck_assert_int_eq(entries(), 0);
	ro_diag_release(&d);
	ck_assert_int_eq(ro_alloc_live(), live);
}
END_TEST

Suite *suite_atomic(void)
{
	Suite *s = suite_create("atomic");
	TCase *tc = fx_tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, creates_and_replaces);
	tcase_add_test(tc, relative_path);
	tcase_add_test(tc, standard_output);
	tcase_add_test(tc, fifo);
	tcase_add_test(tc, from_scratch_file);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("failures");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, dev_full);
	tcase_add_test(tc, missing_directory);
	tcase_add_test(tc, target_is_directory);
	tcase_add_test(tc, failure_keeps_old_target);
	tcase_add_test(tc, read_only_directory);
	tcase_add_test(tc, block_device);
	tcase_add_test(tc, broken_pipe);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, allocation_failure);
	suite_add_tcase(s, tc);
	return s;
}
