/*
 * cmd_batch.c - rollout batch MANIFEST [options]
 *               rollout batch [--sites] SITE... [--scenarios A,B] [options]
 *
 * Many (site, scenario) plans in one call (docs/batch.md).  Each run is a
 * separate process, this same program running `plan` (fork and exec of
 * this binary: struct prog): GLPK keeps global state and is not
 * thread-safe, and a crash or a memory blow-up then stays in its run.  At
 * most -j runs at once; one failing run does not stop the others.
 *
 * Each run writes OUTDIR/<name>.xml (the schedule) and OUTDIR/<name>.log
 * (its standard output and error: the plan summary or the errors).  The
 * figures of the final table are read back from the header of the schedule
 * the run wrote, a documented format, rather than parsed from the summary
 * text meant for people.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../io/file_kind.h"
#include "../io/inventory.h"
#include "../io/outsafe.h"
#include "../io/schedule.h"
#include "../io/xmlsafe.h"
#include "../model/alloc.h"
#include "../model/diag.h"
#include "../model/error.h"
#include "../orch/compare.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"
#include "table.h"

#define BASE RO_COMPARE_BASE   /* the scenario name for the site without one */
/* The largest manifest read: some 300,000 lines of site paths. */
#define MANIFEST_MAX_BYTES (16u * 1024 * 1024)

struct run {
	const char *shown;     /* site as given (manifest or command line) */
	char *site;            /* path handed to plan */
	char *scenario;        /* NULL: base */
	char *name;            /* <site-basename>[.<scenario>] */
	char *out, *log;       /* OUTDIR/name.xml, OUTDIR/name.log */
	long line;             /* manifest line, 0 from --sites */
	pid_t pid;             /* 0: not started, -1: done */
	int wstatus;
	int exit;              /* exit status, or -1 when not run / killed */
	int start_errno;       /* the run could not start: why */
	bool no_log;           /* ... and its log could not be written */
	double t0, seconds;
	/* from the schedule header */
	bool have;
	int64_t placed, clients, slot_min, makespan;
	int64_t overload;      /* SMS 2.0: bytes above usable; -1 none */
	char status[16];
	double gap;            /* largest stage gap; -1 none */
};

struct batch {
	struct run *v;
	size_t n, cap;
	char **owned;          /* strings to free: manifest sites as shown */
	size_t nowned, capowned;
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* No SA_RESTART: a signal must interrupt waitpid so the loop sees it. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static char *xstrdup(const char *s)
{
	char *p = ro_strdup(s);

	if (!p) {
		cli_error("batch: out of memory");
		exit(RO_EXIT_NOMEM);
	}
	return p;
}

static char *join(const char *a, const char *sep, const char *b)
{
	size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
	char *p = ro_malloc(n);

	if (!p) {
		cli_error("batch: out of memory");
		exit(RO_EXIT_NOMEM);
	}
	snprintf(p, n, "%s%s%s", a, sep, b);
	return p;
}

/* The output name of a run: the site file's name without its directory
 * and without a final ".xml", then ".<scenario>" unless it is the base. */
static char *run_name(const char *site, const char *scenario)
{
	const char *b = strrchr(site, '/');
	size_t n;
	char *stem, *name;

	b = b ? b + 1 : site;
	n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".xml") == 0)
		n -= 4;
	stem = xstrdup(b);
	stem[n] = '\0';
	if (!scenario)
		return stem;
	name = join(stem, ".", scenario);
	ro_free(stem);
	return name;
}

static void add_run(struct batch *b, const char *shown, char *site,
		    const char *scenario, long line)
{
	struct run *r;

	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 16;
		struct run *v = ro_reallocarray(b->v, cap, sizeof *v);

		if (!v) {
			cli_error("batch: out of memory");
			exit(RO_EXIT_NOMEM);
		}
		b->v = v;
		b->cap = cap;
	}
	r = &b->v[b->n++];
	memset(r, 0, sizeof *r);
	r->shown = shown;
	r->site = site;
	r->scenario = scenario && *scenario && strcmp(scenario, BASE) != 0
			      ? xstrdup(scenario) : NULL;
	r->name = run_name(site, r->scenario);
	r->line = line;
	r->exit = -1;
	r->gap = -1;
}

static void keep(struct batch *b, char *s)
{
	if (b->nowned == b->capowned) {
		size_t cap = b->capowned ? 2 * b->capowned : 16;
		char **v = ro_reallocarray(b->owned, cap, sizeof *v);

		if (!v) {
			cli_error("batch: out of memory");
			exit(RO_EXIT_NOMEM);
		}
		b->owned = v;
		b->capowned = cap;
	}
	b->owned[b->nowned++] = s;
}

static void batch_release(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		ro_free(b->v[i].site);
		ro_free(b->v[i].scenario);
		ro_free(b->v[i].name);
		ro_free(b->v[i].out);
		ro_free(b->v[i].log);
	}
	ro_free(b->v);
	for (size_t i = 0; i < b->nowned; i++)
		ro_free(b->owned[i]);
	ro_free(b->owned);
}

/* Adds one run per entry of the comma-separated list (NULL: the base);
 * a scenario that could not be a file name part is an error in d. */
static void add_runs(struct batch *b, const char *shown, const char *site,
		     const char *list, const char *file, long line,
		     struct ro_diag *d)
{
	char *copy, *p;

	if (!list) {
		add_run(b, shown, xstrdup(site), NULL, line);
		return;
	}
	copy = xstrdup(list);
	p = copy;
	for (;;) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma = '\0';
		if (strchr(p, '/') || strcmp(p, ".") == 0 ||
		    strcmp(p, "..") == 0)
			ro_diag_add(d, file, line, "scenario '%s' cannot be "
				    "part of a file name; rename it", p);
		else
			add_run(b, shown, xstrdup(site), p, line);
		if (!comma)
			break;
		p = comma + 1;
	}
	ro_free(copy);
}

/* One line of the manifest: "site-path [scenario[,scenario...]]", # to
 * the end of the line a comment; dir is the manifest's directory (NULL:
 * the current one).  Errors go to d. */
static void manifest_line(struct batch *b, char *line, const char *path,
			  long lineno, const char *dir, struct ro_diag *d)
{
	char *tok[3], *p = line, *save = NULL, *hash;
	int n = 0;

	/* a comment starts at a # at the start of a line or after a blank,
	 * so a # inside a path is kept */
	for (hash = line; (hash = strchr(hash, '#')); hash++)
		if (hash == line || hash[-1] == ' ' || hash[-1] == '\t') {
			*hash = '\0';
			break;
		}
	while (n < 3 && (tok[n] = strtok_r(p, " \t\r", &save))) {
		p = NULL;
		n++;
	}
	if (n == 0)
		return;
	if (n == 3) {
		char q[80];

		ro_diag_add(d, path, lineno, "unexpected '%s' after the "
			    "scenarios; give one site and one comma-separated "
			    "scenario list per line",
			    ro_quote_prefix(tok[2], 40, q, sizeof q));
		return;
	}
	char *shown = xstrdup(tok[0]);
	char *site = tok[0][0] == '/' || !dir ? xstrdup(tok[0])
					      : join(dir, "/", tok[0]);

	keep(b, shown);
	add_runs(b, shown, site, n == 2 ? tok[1] : NULL, path, lineno, d);
	ro_free(site);
}

/* Reads the manifest (docs/batch.md), at most MANIFEST_MAX_BYTES of a
 * file, a FIFO or a pipe (ro_read_file: a device is refused), one run per
 * line, site paths relative to the manifest's directory.  Errors go to d;
 * returns -1, or the exit status when the file cannot be read. */
static int read_manifest(struct batch *b, const char *path, struct ro_diag *d)
{
	const char *slash = strrchr(path, '/');
	char *dir = NULL, *buf, *line, *end;
	size_t len;
	long lineno = 0;
	int rc;
	struct ro_diag_mark m = ro_diag_mark(d);

	rc = ro_read_file(path, MANIFEST_MAX_BYTES, &buf, &len, d);
	if (rc != RO_OK) {
		cli_error("batch: %s: cannot open the manifest: %s", path,
			  d->n > m.n ? d->v[m.n].msg : ro_strerror(rc));
		ro_diag_rewind(d, m);
		return ro_exit_from_err(rc);
	}
	if (slash) {
		dir = xstrdup(path);
		dir[slash - path] = '\0';
		if (slash == path)
			strcpy(dir, "/");
	}
	for (line = buf; line < buf + len; line = end + 1) {
		end = memchr(line, '\n', (size_t)(buf + len - line));
		if (!end)
			end = buf + len;
		*end = '\0';
		lineno++;
		if (strlen(line) != (size_t)(end - line)) {
			ro_diag_add(d, path, lineno, "NUL byte in the line; "
				    "a manifest is text, one site per line");
			continue;
		}
		manifest_line(b, line, path, lineno, dir, d);
	}
	if (b->n == 0 && ro_diag_count(d) == 0)
		ro_diag_add(d, path, 0, "the manifest lists no runs; give one "
			    "site per line");
	ro_free(dir);
	ro_free(buf);
	return -1;
}

/* Two runs must not write the same file. */
static void check_names(const struct batch *b, const char *file,
			struct ro_diag *d)
{
	for (size_t i = 0; i < b->n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(b->v[i].name, b->v[j].name) == 0) {
				if (b->v[i].line)
					ro_diag_add(d, file, b->v[i].line,
						    "run '%s' writes '%s.xml' "
						    "like the run of line %ld; "
						    "list each site and "
						    "scenario once and give "
						    "sites distinct file names",
						    b->v[i].shown, b->v[i].name,
						    b->v[j].line);
				else
					ro_diag_add(d, NULL, 0, "sites '%s' and "
						    "'%s' both write '%s.xml'; "
						    "give sites distinct file "
						    "names", b->v[j].shown,
						    b->v[i].shown, b->v[i].name);
				break;
			}
}

/* --- running --- */

/* The program to run: this very binary, wherever it lives.  self is where
 * /proc/self/exe points, read before any run starts: under valgrind that
 * is the program (valgrind answers the readlink for it), where an exec of
 * /proc/self/exe itself would start valgrind's tool binary.  When self is
 * gone (" (deleted)": the binary was replaced during the batch) or cannot
 * be read, /proc/self/exe, then the name the program was started by. */
struct prog {
	const char *argv0;
	char self[PATH_MAX];      /* "" when unknown */
	const char *time_limit;
	bool allow_inventory;     /* pass --allow-inventory-outside */
};

static void find_self(struct prog *pg)
{
	ssize_t n = readlink("/proc/self/exe", pg->self, sizeof pg->self - 1);
	static const char gone[] = " (deleted)";
	size_t g = sizeof gone - 1;

	pg->self[n > 0 ? (size_t)n : 0] = '\0';
	if (n > 0 && ((size_t)n >= g &&
		      strcmp(pg->self + (size_t)n - g, gone) == 0))
		pg->self[0] = '\0';
	if (pg->self[0] && access(pg->self, X_OK) != 0)
		pg->self[0] = '\0';
}

/* In the child: standard input from /dev/null, output and errors to the
 * log fd, default signal handling, then this program. */
static void exec_run(const struct prog *pg, const char *const *argv, int fd)
{
	struct sigaction sa;
	int devnull;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	devnull = open("/dev/null", O_RDONLY);
	if (devnull >= 0)
		dup2(devnull, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (pg->self[0])
		execv(pg->self, (char *const *)argv);
	execv("/proc/self/exe", (char *const *)argv);
	execvp(pg->argv0, (char *const *)argv);
	fprintf(stderr, "%s: batch: cannot run '%s': %s\n", RO_PROGRAM,
		pg->argv0, strerror(errno));
	_exit(127);
}

/* Starts run r: its log, then `rollout plan` in a child.  Returns the
 * child's pid, or -1 with r->start_errno set (and r->no_log when the log
 * could not be opened). */
static pid_t start_run(const struct prog *pg, struct run *r)
{
	const char *argv[13];
	int n = 0, fd;
	pid_t pid;

	/* options first, then "--" and the site, so that a site file whose
	 * name starts with '-' is not taken for an option */
	argv[n++] = pg->argv0;
	argv[n++] = "plan";
	argv[n++] = "-o";
	argv[n++] = r->out;
	argv[n++] = "--time-limit";
	argv[n++] = pg->time_limit;
	if (r->scenario) {
		argv[n++] = "--scenario";
		argv[n++] = r->scenario;
	}
	if (pg->allow_inventory)
		argv[n++] = "--allow-inventory-outside";
	argv[n++] = "--";
	argv[n++] = r->site;
	argv[n] = NULL;

	/* never through a link planted in the output folder */
	fd = open(r->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
		  O_NOFOLLOW | O_NOCTTY, 0666);
	if (fd < 0) {
		r->start_errno = errno;
		r->no_log = true;
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		r->start_errno = errno;
		close(fd);
		return -1;
	}
	if (pid == 0)
		exec_run(pg, argv, fd);
	close(fd);
	return pid;
}

/* Reads the figures of the table from the header of the schedule the run
 * wrote (docs/schedule-format.md), through the library's safe reader; a
 * header that cannot be read leaves them out ("-" in the table). */
static void read_header(struct run *r)
{
	struct ro_schedule_head h;
	struct ro_diag d;

	ro_diag_init(&d);
	r->have = ro_schedule_read_head(r->out, &h, &d) == RO_OK;
	ro_diag_release(&d);
	if (!r->have)
		return;
	snprintf(r->status, sizeof r->status, "%s", h.status);
	r->slot_min = h.slot_min;
	r->placed = h.placed;
	r->clients = h.placed + h.unplaced;
	r->makespan = h.makespan_slots;
	r->overload = h.overload_bytes;
	r->gap = h.gap;
}

/* What an exit status means, for the table. */
static const char *exit_meaning(const struct run *r)
{
	if (r->pid == 0)
		return "not run";
	if (WIFSIGNALED(r->wstatus))
		return "killed";
	switch (r->exit) {
	case RO_EXIT_INVALID: return "invalid input";
	case RO_EXIT_USAGE: return "bad command line";
	case RO_EXIT_IO: return "file error";
	case RO_EXIT_NOPLAN: return "no plan";
	case RO_EXIT_TIMELIMIT: return "time limit, no plan";
	case RO_EXIT_SOLVER: return "solver failed";
	case RO_EXIT_NOMEM: return "out of memory";
	case RO_EXIT_INTERRUPTED: return "interrupted";
	case 127: return "cannot run";
	default: return "failed";
	}
}

static bool run_ok(const struct run *r)
{
	return r->pid != 0 && WIFEXITED(r->wstatus) && r->exit == RO_EXIT_OK;
}

static void finish_run(struct run *r, int wstatus)
{
	r->seconds = cli_now() - r->t0;
	r->wstatus = wstatus;
	r->exit = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
	r->pid = -1;
	if (WIFEXITED(wstatus) &&
	    (r->exit == RO_EXIT_OK || r->exit == RO_EXIT_INTERRUPTED))
		read_header(r);
}

static void print_table(const struct batch *b)
{
	static const char *const head[] = {
		"site", "scenario", "exit", "placed", "makespan",
		"overload MB", "status", "gap", "seconds",
	};
	struct cli_table *t = cli_table_new(9, head);

	if (!t) {
		cli_error("batch: out of memory printing the table");
		return;
	}
	for (size_t i = 0; i < b->n; i++) {
		const struct run *r = &b->v[i];
		char ex[16] = "-", placed[64] = "-", mk[32] = "-", gap[32] = "-",
		     sec[32] = "-", over[32] = "-", a[32], c[32];
		const char *cells[9];

		if (r->pid != 0 && WIFEXITED(r->wstatus))
			snprintf(ex, sizeof ex, "%d", r->exit);
		else if (r->pid != 0)
			snprintf(ex, sizeof ex, "signal %d",
				 WTERMSIG(r->wstatus));
		if (r->have) {
			snprintf(placed, sizeof placed, "%s of %s",
				 cli_count(r->placed, a, sizeof a),
				 cli_count(r->clients, c, sizeof c));
			if (r->makespan > 0)
				cli_duration(r->makespan * r->slot_min, mk,
					     sizeof mk);
			if (r->gap >= 0)
				snprintf(gap, sizeof gap, "%.2f %%",
					 100 * r->gap);
			/* an SMS 2.0 schedule upgrades its clients whatever
			 * the links: what it leaves above them is the figure
			 * to weigh */
			if (r->overload >= 0)
				snprintf(over, sizeof over, "%.1f",
					 (double)r->overload / 1048576.0);
		}
		if (r->pid != 0)
			snprintf(sec, sizeof sec, "%.1f", r->seconds);
		cells[0] = r->shown;
		cells[1] = r->scenario ? r->scenario : BASE;
		cells[2] = ex;
		cells[3] = placed;
		cells[4] = mk;
		cells[5] = over;
		cells[6] = !run_ok(r) ? exit_meaning(r)
			   : r->have ? r->status : "written";
		cells[7] = gap;
		cells[8] = sec;
		if (cli_table_add(t, cells) < 0) {
			cli_error("batch: out of memory printing the table");
			break;
		}
	}
	cli_table_print(t, stdout, 0);
	cli_table_free(t);
}

/* The first line of a run's log, for the failure message. */
static void first_log_line(const char *log, char *buf, size_t n)
{
	FILE *f = fopen(log, "r");

	buf[0] = '\0';
	if (!f)
		return;
	if (fgets(buf, (int)n, f))
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

/* Starts the next runs while fewer than jobs run; a run that cannot
 * start is done at once.  Returns how many ended that way. */
static size_t start_more(struct batch *b, const struct prog *pg, long jobs,
			 size_t *next, size_t *running)
{
	size_t ended = 0;

	while (!stop_signal && *running < (size_t)jobs && *next < b->n) {
		struct run *r = &b->v[(*next)++];
		pid_t pid;

		r->t0 = cli_now();
		pid = start_run(pg, r);
		if (pid < 0) {
			/* without a log: a file error; else it could not
			 * start (docs/batch.md: 6) */
			r->pid = -1;
			r->exit = r->no_log ? RO_EXIT_IO : 127;
			r->wstatus = r->exit << 8;
			ended++;
			continue;
		}
		r->pid = pid;
		(*running)++;
	}
	return ended;
}

/* Runs every run, at most jobs at once. */
static void run_all(struct batch *b, const struct prog *pg, long jobs)
{
	size_t next = 0, done = 0, running = 0;
	bool forwarded = false;

	catch_signals();
	while (done < b->n) {
		pid_t pid;
		int ws;

		done += start_more(b, pg, jobs, &next, &running);
		if (running == 0)
			break;
		if (stop_signal && !forwarded) {
			/* a signal sent to this process only: pass it on so
			 * every run stops with its best plan (a Ctrl-C at the
			 * terminal has reached them already) */
			for (size_t i = 0; i < b->n; i++)
				if (b->v[i].pid > 0)
					kill(b->v[i].pid, SIGTERM);
			forwarded = true;
		}
		pid = waitpid(-1, &ws, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			cli_error("batch: waiting for the runs: %s",
				  strerror(errno));
			break;
		}
		for (size_t i = 0; i < b->n; i++)
			if (b->v[i].pid == pid) {
				finish_run(&b->v[i], ws);
				running--;
				done++;
				cli_progress("batch: %zu of %zu done", done, b->n);
				break;
			}
	}
}

static int parse_jobs(const char *v, long *jobs)
{
	char *end;
	long n;

	if (!v) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		*jobs = n > 0 ? n : 1;
		return -1;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || *end || errno || n < 1 || n > 4096 ||
	    strspn(v, "0123456789") != strlen(v)) {
		cli_error("batch: invalid value '%s' for --jobs: use a number "
			  "of runs at once, from 1 to 4096", v);
		return RO_EXIT_USAGE;
	}
	*jobs = n;
	return -1;
}

static int make_outdir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0)
		return -1;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return -1;
	cli_error("batch: cannot create the output directory '%s': %s", dir,
		  errno == EEXIST ? "a file of that name exists"
				  : strerror(errno));
	return RO_EXIT_IO;
}

/* What the command line asks for, once parsed. */
struct batch_cfg {
	const char *manifest;     /* NULL: the arguments are site files */
	const char *outdir;
	long jobs;
	struct prog pg;
};

/* Without --sites: site files are taken as sites (a site is no manifest,
 * and read as one it gave a line of errors for each of its lines); any
 * other XML, or a mix, is refused.  Returns -1 with *as_sites set, or an
 * exit status. */
static int classify_args(char **args, int nargs, bool *as_sites)
{
	int nsites = 0, site = -1, text = -1;

	for (int i = 0; i < nargs; i++) {
		char why[600];
		enum ro_file_kind k = ro_file_kind(args[i], why, sizeof why);

		if (k == RO_FILE_SITE) {
			nsites++;
			site = i;
		} else if (k == RO_FILE_TEXT) {
			text = i;
		} else {
			cli_error("batch: '%s' is neither a manifest nor a site "
				  "file: %s", args[i], why);
			return RO_EXIT_INVALID;
		}
	}
	if (nsites > 0 && text >= 0) {
		cli_error("batch: '%s' is a site file but '%s' is not; give "
			  "site files only, or one manifest; see 'rollout "
			  "batch --help'", args[site], args[text]);
		return RO_EXIT_USAGE;
	}
	*as_sites = nsites > 0;
	return -1;
}

/* Reads the options and tells a manifest from site files.  Returns -1
 * with cfg filled in, or an exit status. */
static int batch_options(const struct cli_spec *spec, char **args,
			 int nargs, struct batch_cfg *cfg)
{
	bool as_sites = cli_given(spec, "sites");
	double t;
	int rc;

	rc = parse_jobs(cli_opt(spec, "jobs"), &cfg->jobs);
	if (rc >= 0)
		return rc;
	cfg->pg.time_limit = cli_opt(spec, "time-limit");
	if (!cli_parse_seconds(cfg->pg.time_limit, &t)) {
		cli_error("batch: invalid value '%s' for --time-limit: use a "
			  "decimal number of seconds, 0 for none",
			  cfg->pg.time_limit);
		return RO_EXIT_USAGE;
	}
	cfg->pg.allow_inventory = cli_given(spec, "allow-inventory-outside");
	cfg->outdir = cli_opt(spec, "output");
	if (!as_sites) {
		rc = classify_args(args, nargs, &as_sites);
		if (rc >= 0)
			return rc;
	}
	cfg->manifest = NULL;
	if (!as_sites) {
		if (nargs != 1 || cli_given(spec, "scenarios")) {
			cli_error("batch: give one manifest, or --sites with "
				  "site files%s; see 'rollout batch --help'",
				  nargs == 1 ? " for --scenarios" : "");
			return RO_EXIT_USAGE;
		}
		cfg->manifest = args[0];
	}
	return -1;
}

/* The runs of the manifest or of the site files, each with its output
 * names.  Returns -1, or an exit status with the errors printed. */
static int collect_runs(struct batch *b, const struct batch_cfg *cfg,
			const struct cli_spec *spec, char **args, int nargs)
{
	struct ro_diag d;
	int rc = -1;

	ro_diag_init(&d);
	if (cfg->manifest) {
		rc = read_manifest(b, cfg->manifest, &d);
		if (rc >= 0)
			goto out_release_diag;
	} else {
		for (int i = 0; i < nargs; i++)
			add_runs(b, args[i], args[i],
				 cli_opt(spec, "scenarios"), NULL, 0, &d);
	}
	check_names(b, cfg->manifest, &d);
	if (ro_diag_count(&d)) {
		cli_print_diag(&d);
		rc = cfg->manifest ? RO_EXIT_INVALID : RO_EXIT_USAGE;
		goto out_release_diag;
	}
	for (size_t i = 0; i < b->n; i++) {
		char *base = join(cfg->outdir, "/", b->v[i].name);

		b->v[i].out = join(base, "", ".xml");
		b->v[i].log = join(base, "", ".log");
		ro_free(base);
	}
out_release_diag:
	ro_diag_release(&d);
	return rc;
}

/* No schedule or log may be written over an input: a site file or the
 * manifest (in the sites' folder, `rollout batch leeds.xml` with the
 * default -o . would replace leeds.xml by its schedule).  One stat per
 * file.  Returns -1, or 2 with the first clash printed. */
static int check_outputs(const struct batch *b, const char *manifest)
{
	struct ro_file_id *in = ro_calloc(b->n + 1, sizeof *in);
	const char **name = ro_calloc(b->n + 1, sizeof *name);
	size_t nin = 0;
	int rc = -1;

	if (!in || !name) {
		cli_error("batch: out of memory");
		rc = RO_EXIT_NOMEM;
		goto out_free;
	}
	if (manifest && ro_file_id_of(manifest, &in[nin]))
		name[nin++] = manifest;
	for (size_t i = 0; i < b->n; i++)
		if (ro_file_id_of(b->v[i].site, &in[nin]))
			name[nin++] = b->v[i].shown;
	for (size_t i = 0; rc < 0 && i < 2 * b->n; i++) {
		const char *out = i % 2 ? b->v[i / 2].log : b->v[i / 2].out;
		struct ro_file_id id;

		if (!ro_file_id_of(out, &id))
			continue;
		for (size_t k = 0; k < nin; k++)
			if (in[k].dev == id.dev && in[k].ino == id.ino) {
				cli_error("batch: output '%s' is the input "
					  "'%s'; give an output folder of its "
					  "own with -o DIR", out, name[k]);
				rc = RO_EXIT_USAGE;
				break;
			}
	}
out_free:
	ro_free(in);
	ro_free(name);
	return rc;
}

/* The exit status a failed run gives the batch (docs/batch.md). */
static int run_exit(const struct run *r)
{
	if (r->pid == 0)
		return RO_EXIT_INTERRUPTED;
	if (!WIFEXITED(r->wstatus))
		return WTERMSIG(r->wstatus) == SIGINT ||
		       WTERMSIG(r->wstatus) == SIGTERM
			       ? RO_EXIT_INTERRUPTED : RO_EXIT_SOLVER;
	return r->exit >= 1 && r->exit <= RO_EXIT_INTERRUPTED
		       ? r->exit : RO_EXIT_SOLVER;
}

/* One line on stderr per failed run; returns the exit status of the first
 * in order, 0 when none failed, and their number in *failed. */
static int report_failures(const struct batch *b, size_t *failed)
{
	int ex = RO_EXIT_OK;

	*failed = 0;
	for (size_t i = 0; i < b->n; i++) {
		const struct run *r = &b->v[i];
		const char *sc = r->scenario ? r->scenario : BASE;
		char first[512];

		if (run_ok(r))
			continue;
		(*failed)++;
		if (ex == RO_EXIT_OK)
			ex = run_exit(r);
		if (r->pid == 0) {
			cli_error("batch: %s (%s): not run (interrupted)",
				  r->shown, sc);
		} else if (r->no_log) {
			cli_error("batch: %s (%s): not run: cannot write its "
				  "log '%s': %s", r->shown, sc, r->log,
				  r->start_errno == ELOOP ? "it is a symbolic "
				  "link; remove it" : strerror(r->start_errno));
		} else if (r->start_errno) {
			cli_error("batch: %s (%s): cannot start a run: %s",
				  r->shown, sc, strerror(r->start_errno));
		} else {
			first_log_line(r->log, first, sizeof first);
			cli_error("batch: %s (%s): %s (exit %d); see %s%s%s",
				  r->shown, sc, exit_meaning(r), r->exit,
				  r->log, first[0] ? ": " : "", first);
		}
	}
	return ex;
}

int cmd_batch(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "sites", 0, NULL, NULL,
		  "the arguments are site files, not a manifest (site files "
		  "are also recognised without it)", NULL },
		{ "scenarios", 's', "A,B", NULL,
		  "with site files: plan each site under each scenario "
		  "('base' or an empty entry: without one)", NULL },
		{ "jobs", 'j', "N", NULL,
		  "run N plans at once (default: the number of processors)",
		  NULL },
		{ "output", 'o', "OUTDIR", ".",
		  "write the schedules and logs into OUTDIR (created if "
		  "missing)", NULL },
		{ "time-limit", 't', "SEC", "60",
		  "each plan finishes within SEC seconds with its best plan; "
		  "0: no limit", NULL },
		{ "quiet", 'q', NULL, NULL,
		  "no table and no progress; failures only", NULL },
		{ "progress", 0, NULL, NULL,
		  "'N of M done' on stderr even when it is not a terminal",
		  NULL },
		CLI_OPT_INVENTORY,
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"batch", "MANIFEST | --sites SITE...",
		"Plans many sites and scenarios, several at once, one process "
		"each\n(docs/batch.md).",
		1, argc, opts,
	};
	struct batch b = { NULL, 0, 0, NULL, 0, 0 };
	struct batch_cfg cfg;
	char **args;
	int nargs, rc;
	size_t failed;

	args = ro_calloc((size_t)argc + 1, sizeof *args);
	if (!args) {
		cli_error("batch: out of memory");
		return RO_EXIT_NOMEM;
	}
	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		goto out_free_args;
	cli_inventory_option(&spec);
	rc = batch_options(&spec, args, nargs, &cfg);
	if (rc >= 0)
		goto out_free_args;
	cli_progress_setup(cli_given(&spec, "quiet"),
			   cli_given(&spec, "progress"));
	rc = collect_runs(&b, &cfg, &spec, args, nargs);
	if (rc < 0)
		rc = check_outputs(&b, cfg.manifest);
	if (rc < 0)
		rc = make_outdir(cfg.outdir);
	if (rc >= 0)
		goto out_release;

	/* main() passes argv + 1: the program's own argv[0] is just before */
	cfg.pg.argv0 = argv[-1];
	find_self(&cfg.pg);
	run_all(&b, &cfg.pg, cfg.jobs);
	if (!cli_given(&spec, "quiet"))
		print_table(&b);
	rc = report_failures(&b, &failed);
	if (failed && !cli_given(&spec, "quiet"))
		printf("%zu of %zu runs failed\n", failed, b.n);
	if (stop_signal)
		rc = RO_EXIT_INTERRUPTED;
out_release:
	batch_release(&b);
out_free_args:
	ro_free(args);
	return rc;
}
