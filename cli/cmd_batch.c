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

#include <libxml/tree.h>

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

/* Reads the manifest (docs/batch.md): one run per line, "site-path
 * [scenario[,scenario...]]", # to the end of the line is a comment, site
 * paths relative to the manifest's directory.  Errors go to d. */
static int read_manifest(struct batch *b, const char *path, struct ro_diag *d)
{
	FILE *f = fopen(path, "r");
	const char *slash = strrchr(path, '/');
	char *dir, *line = NULL;
	size_t cap = 0;
	long lineno = 0;

	if (!f) {
		cli_error("batch: %s: cannot open the manifest: %s", path,
			  strerror(errno));
		return RO_EXIT_IO;
	}
	dir = slash ? xstrdup(path) : xstrdup(".");
	if (slash)
		dir[slash - path] = '\0';
	if (slash == path)
		strcpy(dir, "/");
	/* getline allocates with libc's malloc, not ro_malloc: it cannot be
	 * failed by the tests, but its failure is checked below */
	while ((errno = 0, getline(&line, &cap, f)) >= 0) {
		char *tok[3], *p = line, *save = NULL, *hash;
		int n = 0;

		lineno++;
		/* a comment starts at a # at the start of a line or after a
		 * blank, so a # inside a path is kept */
		for (hash = line; (hash = strchr(hash, '#')); hash++)
			if (hash == line || hash[-1] == ' ' || hash[-1] == '\t') {
				*hash = '\0';
				break;
			}
		while (n < 3 && (tok[n] = strtok_r(p, " \t\r\n", &save))) {
			p = NULL;
			n++;
		}
		if (n == 0)
			continue;
		if (n == 3) {
			ro_diag_add(d, path, lineno, "unexpected '%s' after "
				    "the scenarios; give one site and one "
				    "comma-separated scenario list per line",
				    tok[2]);
			continue;
		}
		{
			char *shown = xstrdup(tok[0]);
			char *site = tok[0][0] == '/' || !slash
					     ? xstrdup(tok[0])
					     : join(dir, "/", tok[0]);

			keep(b, shown);
			add_runs(b, shown, site, n == 2 ? tok[1] : NULL, path,
				 lineno, d);
			ro_free(site);
		}
	}
	if (errno == ENOMEM) {
		/* a line lost to memory would silently drop runs */
		cli_error("batch: %s: out of memory reading the manifest", path);
		free(line);
		ro_free(dir);
		fclose(f);
		return RO_EXIT_NOMEM;
	}
	if (ferror(f))
		ro_diag_add(d, path, 0, "cannot read the manifest: %s",
			    strerror(errno));
	else if (b->n == 0 && ro_diag_count(d) == 0)
		ro_diag_add(d, path, 0, "the manifest lists no runs; give one "
			    "site per line");
	free(line);   /* getline's */
	ro_free(dir);
	fclose(f);
	return -1;
}

/* --- what an argument is --- */

enum arg_kind {
	ARG_TEXT,      /* not XML: a manifest (or a file that cannot be read:
			  read_manifest says so) */
	ARG_SITE,      /* an XML document whose root element is <site> */
	ARG_OTHER      /* XML, but not a site: reported, *why set */
};

/* Whether the file starts, after a UTF-8 byte order mark and blanks, with
 * '<': no manifest line does (a site path comes first). */
static bool starts_like_xml(const char *path)
{
	unsigned char b[512];
	size_t n, i = 0;
	FILE *f = fopen(path, "rb");

	if (!f)
		return false;
	n = fread(b, 1, sizeof b, f);
	fclose(f);
	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
		i = 3;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
			 b[i] == '\n'))
		i++;
	return i < n && b[i] == '<';
}

/* Tells a manifest from a site file given without --sites.  An XML file is
 * parsed the way the library reads every XML input (io/xmlsafe.h: no
 * network, no DTD, size cap) to read its root element; the site itself is
 * checked by its plan run.  That parses the whole file into a tree: 0.5 s
 * and 250 MB for a 100,000-client site of 15 MB, which --sites avoids.
 * For ARG_OTHER, why (n bytes) says what the file is instead. */
static enum arg_kind arg_kind(const char *path, char *why, size_t n)
{
	struct ro_diag d;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	char *buf = NULL;
	size_t len;
	enum arg_kind k = ARG_OTHER;
	int rc;

	if (!starts_like_xml(path))
		return ARG_TEXT;
	ro_diag_init(&d);
	rc = ro_read_file(path, RO_XML_MAX_BYTES, &buf, &len, &d);
	if (rc == RO_OK)
		rc = ro_xml_parse(buf, len, path, &doc, &d);
	ro_free(buf);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root && strcmp((const char *)root->name, "site") == 0) {
		k = ARG_SITE;
	} else if (root) {
		snprintf(why, n, "its root element is <%s>, not <site>",
			 (const char *)root->name);
	} else {
		/* the first problem is enough to tell what the file is */
		const struct ro_diag_entry *e;

		ro_diag_sort(&d);
		e = d.n ? &d.v[0] : NULL;
		if (e && e->line > 0)
			snprintf(why, n, "it looks like XML but does not parse "
				 "(line %ld: %s)", e->line, e->msg);
		else
			snprintf(why, n, "it looks like XML but does not parse "
				 "(%s)", e ? e->msg : ro_strerror(rc));
	}
	xmlFreeDoc(doc);
	ro_diag_release(&d);
	return k;
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

static pid_t start_run(const struct prog *pg, struct run *r,
		       const char *time_limit)
{
	const char *argv[12];
	int n = 0, fd, devnull;
	pid_t pid;

	/* options first, then "--" and the site, so that a site file whose
	 * name starts with '-' is not taken for an option */
	argv[n++] = pg->argv0;
	argv[n++] = "plan";
	argv[n++] = "-o";
	argv[n++] = r->out;
	argv[n++] = "--time-limit";
	argv[n++] = time_limit;
	if (r->scenario) {
		argv[n++] = "--scenario";
		argv[n++] = r->scenario;
	}
	argv[n++] = "--";
	argv[n++] = r->site;
	argv[n] = NULL;

	fd = open(r->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		cli_error("batch: cannot write '%s': %s", r->log,
			  strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		cli_error("batch: cannot start a run: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (pid == 0) {
		struct sigaction sa;

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

/* Runs every run, at most jobs at once.  Returns the number run. */
static void run_all(struct batch *b, const struct prog *pg, long jobs,
		    const char *time_limit)
{
	size_t next = 0, done = 0, running = 0;
	bool forwarded = false;

	catch_signals();
	while (done < b->n) {
		pid_t pid;
		int ws;

		while (!stop_signal && running < (size_t)jobs && next < b->n) {
			struct run *r = &b->v[next++];

			r->t0 = cli_now();
			pid = start_run(pg, r, time_limit);
			if (pid < 0) {
				/* recorded as a run that could not start */
				r->pid = -1;
				r->wstatus = 127 << 8;
				r->exit = 127;
				done++;
				continue;
			}
			r->pid = pid;
			running++;
		}
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

/* Resolves the options; returns -1 to go on or an exit status. */
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
	if (end == v || *end || errno || n < 1 || n > 4096) {
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
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"batch", "MANIFEST | --sites SITE...",
		"Plans many sites and scenarios, several at once, one process "
		"each\n(docs/batch.md).",
		1, argc, opts,
	};
	struct batch b = { NULL, 0, 0, NULL, 0, 0 };
	struct prog pg;
	struct ro_diag d;
	const char *outdir, *tl, *manifest = NULL;
	char **args, *end;
	long jobs;
	double t;
	int nargs, rc, ex = RO_EXIT_OK;
	size_t failed = 0;
	bool as_sites;

	args = ro_calloc((size_t)argc + 1, sizeof *args);
	if (!args) {
		cli_error("batch: out of memory");
		return RO_EXIT_NOMEM;
	}
	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		goto out_free_args;
	as_sites = cli_given(&spec, "sites");
	rc = parse_jobs(cli_opt(&spec, "jobs"), &jobs);
	if (rc >= 0)
		goto out_free_args;
	tl = cli_opt(&spec, "time-limit");
	t = strtod(tl, &end);
	if (end == tl || *end || !isfinite(t) || t < 0) {
		cli_error("batch: invalid value '%s' for --time-limit: use a "
			  "number of seconds, 0 for none", tl);
		rc = RO_EXIT_USAGE;
		goto out_free_args;
	}
	if (!as_sites) {
		/* site files without --sites are taken as sites: a site is no
		 * manifest, and read as one it gave a line of errors for each
		 * of its lines */
		int nsites = 0, site = -1, text = -1;

		for (int i = 0; i < nargs; i++) {
			char why[600];
			enum arg_kind k = arg_kind(args[i], why, sizeof why);

			if (k == ARG_SITE) {
				nsites++;
				site = i;
			} else if (k == ARG_TEXT) {
				text = i;
			} else {
				cli_error("batch: '%s' is neither a manifest nor a "
					  "site file: %s", args[i], why);
				rc = RO_EXIT_INVALID;
				goto out_free_args;
			}
		}
		if (nsites > 0 && text >= 0) {
			cli_error("batch: '%s' is a site file but '%s' is not; "
				  "give site files only, or one manifest; see "
				  "'rollout batch --help'", args[site], args[text]);
			rc = RO_EXIT_USAGE;
			goto out_free_args;
		}
		if (nsites > 0)
			as_sites = true;
	}
	if (!as_sites) {
		if (nargs != 1 || cli_given(&spec, "scenarios")) {
			cli_error("batch: give one manifest, or --sites with "
				  "site files%s; see 'rollout batch --help'",
				  nargs == 1 ? " for --scenarios" : "");
			rc = RO_EXIT_USAGE;
			goto out_free_args;
		}
		manifest = args[0];
	}
	cli_progress_setup(cli_given(&spec, "quiet"),
			   cli_given(&spec, "progress"));

	ro_diag_init(&d);
	if (manifest) {
		rc = read_manifest(&b, manifest, &d);
		if (rc >= 0)
			goto out_release;
	} else {
		for (int i = 0; i < nargs; i++)
			add_runs(&b, args[i], args[i],
				 cli_opt(&spec, "scenarios"), NULL, 0, &d);
	}
	check_names(&b, manifest, &d);
	if (ro_diag_count(&d)) {
		cli_print_diag(&d);
		rc = manifest ? RO_EXIT_INVALID : RO_EXIT_USAGE;
		goto out_release;
	}

	outdir = cli_opt(&spec, "output");
	rc = make_outdir(outdir);
	if (rc >= 0)
		goto out_release;
	for (size_t i = 0; i < b.n; i++) {
		char *base = join(outdir, "/", b.v[i].name);

		b.v[i].out = join(base, "", ".xml");
		b.v[i].log = join(base, "", ".log");
		ro_free(base);
	}

	/* main() passes argv + 1: the program's own argv[0] is just before */
	pg.argv0 = argv[-1];
	find_self(&pg);
	run_all(&b, &pg, jobs, tl);

	if (!cli_given(&spec, "quiet"))
		print_table(&b);
	for (size_t i = 0; i < b.n; i++) {
		struct run *r = &b.v[i];
		char first[512];

		if (run_ok(r))
			continue;
		failed++;
		if (ex == RO_EXIT_OK)
			ex = r->pid == 0 ? RO_EXIT_INTERRUPTED
			     : !WIFEXITED(r->wstatus)
				     ? (WTERMSIG(r->wstatus) == SIGINT ||
					WTERMSIG(r->wstatus) == SIGTERM
						? RO_EXIT_INTERRUPTED
						: RO_EXIT_SOLVER)
			     : r->exit >= 1 && r->exit <= RO_EXIT_INTERRUPTED
				     ? r->exit : RO_EXIT_SOLVER;
		if (r->pid == 0) {
			cli_error("batch: %s (%s): not run (interrupted)",
				  r->shown, r->scenario ? r->scenario : BASE);
			continue;
		}
		first_log_line(r->log, first, sizeof first);
		cli_error("batch: %s (%s): %s (exit %d); see %s%s%s", r->shown,
			  r->scenario ? r->scenario : BASE, exit_meaning(r),
			  r->exit, r->log, first[0] ? ": " : "", first);
	}
	if (failed && !cli_given(&spec, "quiet"))
		printf("%zu of %zu runs failed\n", failed, b.n);
	if (stop_signal)
		ex = RO_EXIT_INTERRUPTED;
	rc = ex;
out_release:
	ro_diag_release(&d);
	batch_release(&b);
out_free_args:
	ro_free(args);
	return rc;
}
