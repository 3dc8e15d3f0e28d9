/*
 * util.c - printing helpers of the program: errors, diagnostics, progress,
 * durations, the mapping from library errors to exit statuses, and the
 * loading every planning command starts with.
 */
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../io/inventory.h"
#include "../io/outsafe.h"
#include "../io/schedule.h"
#include "../io/site_read.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"

static bool progress_enabled;

void cli_error(const char *fmt, ...)
{
	va_list ap;

	char buf[1024];

	fflush(stdout);   /* keep stdout and stderr in order on a terminal */
	fprintf(stderr, "%s: ", RO_PROGRAM);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	cli_put_esc(stderr, buf);   /* names from files: no CR or LF raw */
	fputc('\n', stderr);
}

void cli_print_diag(struct ro_diag *d)
{
	fflush(stdout);
	ro_diag_sort(d);
	for (size_t i = 0; i < d->n; i++) {
		const struct ro_diag_entry *e = &d->v[i];

		fprintf(stderr, "%s: ", RO_PROGRAM);
		if (e->file) {
			cli_put_esc(stderr, e->file);
			if (e->line > 0)
				fprintf(stderr, ":%ld", e->line);
			fputs(": ", stderr);
		}
		cli_put_esc(stderr, e->msg);
		fputc('\n', stderr);
	}
	if (d->dropped)
		fprintf(stderr, "%s: %zu more errors not shown\n", RO_PROGRAM,
			d->dropped);
	if (d->oom)
		fprintf(stderr, "%s: some messages were lost (out of memory)\n",
			RO_PROGRAM);
}

int cli_fail(int err, struct ro_diag *d, const char *what)
{
	cli_print_diag(d);
	if (err && ro_diag_count(d) == 0) {
		if (what)
			cli_error("%s: %s", what, ro_strerror(err));
		else
			cli_error("%s", ro_strerror(err));
	}
	return ro_exit_from_err(err);
}

int cli_fail_site(int err, struct ro_diag *d, const char *path)
{
	size_t n = ro_diag_count(d);   /* the schema errors, with RO_ESCHEMA */
	int ex = cli_fail(err, d, path);

	/* the site reader runs its semantic checks only on a file that
	 * follows site.xsd (io/site_read.c) */
	if (err == RO_ESCHEMA && n > 0)
		cli_error("%s: %zu schema error%s; the other checks run once "
			  "%s fixed", path, n, n == 1 ? "" : "s",
			  n == 1 ? "it is" : "they are");
	return ex;
}

void cli_progress_setup(bool quiet, bool force)
{
	progress_enabled = !quiet && (force || isatty(STDERR_FILENO));
}

bool cli_progress_on(void)
{
	return progress_enabled;
}

void cli_progress(const char *fmt, ...)
{
	va_list ap;

	if (!progress_enabled)
		return;
	fprintf(stderr, "%s: ", RO_PROGRAM);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_progress_line(void *ud, const char *line)
{
	(void)ud;
	cli_progress("%s", line);
}

volatile sig_atomic_t cli_interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	cli_interrupted = 1;
}

void cli_catch_interrupts(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void cli_wrap(FILE *f, const char *text, int at, int indent)
{
	int col = at, first = 1;

	while (*text) {
		size_t n = strcspn(text, " ");

		if (!first && col + 1 + (int)n > 79) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", (int)n, text);
		col += (int)n;
		first = 0;
		text += n;
		while (*text == ' ')
			text++;
	}
	fputc('\n', f);
}

char *cli_duration(int64_t minutes, char *buf, size_t n)
{
	const char *sign = "";

	if (minutes < 0) {
		sign = "-";
		minutes = -minutes;
	}
	snprintf(buf, n, "%s%" PRId64 " d %02d:%02d", sign, minutes / 1440,
		 (int)(minutes % 1440 / 60), (int)(minutes % 60));
	return buf;
}

char *cli_count(int64_t v, char *buf, size_t n)
{
	char digits[32];
	int len, j = 0;
	size_t o = 0;

	len = snprintf(digits, sizeof digits, "%" PRId64, v);
	if (digits[0] == '-') {
		if (o + 1 < n)
			buf[o++] = '-';
		j = 1;
	}
	for (int i = j; i < len; i++) {
		if (i > j && (len - i) % 3 == 0 && o + 1 < n)
			buf[o++] = ',';
		if (o + 1 < n)
			buf[o++] = digits[i];
	}
	if (n)
		buf[o] = '\0';
	return buf;
}

int ro_exit_from_err(int err)
{
	switch (err) {
	case RO_OK:
		return RO_EXIT_OK;
	case RO_ENOMEM:
		return RO_EXIT_NOMEM;
	case RO_EIO:
		return RO_EXIT_IO;
	case RO_EPARSE:
	case RO_ESCHEMA:
	case RO_EINVAL:
	case RO_ELIMIT:
	case RO_EVERIFY:
		return RO_EXIT_INVALID;
	case RO_ESOLVER:
		return RO_EXIT_SOLVER;
	case RO_ENOPLAN:
		return RO_EXIT_NOPLAN;
	case RO_ETIMELIMIT:
		return RO_EXIT_TIMELIMIT;
	case RO_EINTR:
		return RO_EXIT_INTERRUPTED;
	case RO_EARG:
		return RO_EXIT_USAGE;   /* the values came from the command line */
	default:
		return RO_EXIT_SOLVER;
	}
}

/* After the reader refused sched_path: when the schedule was planned for
 * another scenario than site s was loaded with, says plainly which one to
 * give cmd (the reader's one message says it too, but not how) and
 * returns true. */
static bool other_scenario(const char *cmd, const char *sched_path,
			   const struct ro_site *s)
{
	const char *have = s->scenario ? ro_site_str(s, s->scenario) : NULL;
	char *planned = NULL;
	struct ro_diag d2;
	bool other;

	ro_diag_init(&d2);
	other = ro_schedule_scenario(sched_path, &planned, &d2) == RO_OK &&
		(!planned != !have || (planned && strcmp(planned, have)));
	ro_diag_release(&d2);
	if (other && planned)
		cli_error("%s: schedule was planned for scenario '%s'; run %s "
			  "with --scenario %s", sched_path, planned, cmd,
			  planned);
	else if (other)
		cli_error("%s: schedule was planned for the base site; run %s "
			  "without --scenario", sched_path, cmd);
	ro_free(planned);
	return other;
}

static int recheck_outputs(void);

int cli_load(const char *cmd, const char *site_path, const char *scenario,
	     const char *sched_path, struct ro_site **s, struct ro_plan **p,
	     struct ro_expand **x, struct ro_diag *d)
{
	int rc, ex;

	*s = NULL;
	*p = NULL;
	*x = NULL;
	rc = ro_site_load(site_path, scenario, s, d);
	if (rc)
		return cli_fail_site(rc, d, site_path);
	ex = recheck_outputs();
	if (ex >= 0)
		goto out_free_site;
	if (sched_path) {
		rc = ro_schedule_read(*s, sched_path, p, d);
		if (rc == RO_EINVAL && other_scenario(cmd, sched_path, *s)) {
			ex = ro_exit_from_err(rc);
			goto out_free_site;
		}
		if (rc) {
			ex = cli_fail(rc, d, sched_path);
			goto out_free_site;
		}
	}
	*x = ro_expand_new(*s);
	if (!*x) {
		ex = cli_fail(RO_ENOMEM, d, NULL);
		goto out_free_plan;
	}
	return -1;

out_free_plan:
	ro_plan_free(*p);
	*p = NULL;
out_free_site:
	ro_site_free(*s);
	*s = NULL;
	return ex;
}

double cli_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The outputs cli_check_outputs last checked, checked again once a site
 * is loaded (cli_load): only then are its inventories known.  No command
 * has more than four outputs. */
static const char *checked_outs[4];

static int recheck_outputs(void)
{
	struct ro_diag d;
	int rc = RO_OK;

	ro_diag_init(&d);
	for (size_t i = 0; rc == RO_OK && i < 4; i++)
		if (checked_outs[i])
			rc = ro_output_noted_check(checked_outs[i], &d);
	rc = rc == RO_OK ? -1 : cli_fail(rc, &d, NULL);
	ro_diag_release(&d);
	return rc;
}

int cli_check_outputs(const char *const *outs, size_t nout,
		      const char *const *ins, size_t nin)
{
	struct ro_diag d;
	int rc = RO_OK;

	for (size_t i = 0; i < 4; i++)
		checked_outs[i] = i < nout ? outs[i] : NULL;
	ro_diag_init(&d);
	rc = ro_outputs_distinct(outs, nout, &d);
	for (size_t i = 0; rc == RO_OK && i < nout; i++)
		if (outs[i])
			rc = ro_output_check(outs[i], ins, nin, &d);
	if (rc == RO_OK) {
		ro_diag_release(&d);
		return -1;
	}
	rc = cli_fail(rc, &d, NULL);
	ro_diag_release(&d);
	return rc;
}

bool cli_parse_seconds(const char *v, double *out)
{
	static const char digits[] = "0123456789";
	size_t i = strspn(v, digits), f;
	char *end;

	/* digits, then an optional fraction: not "0x10", "1e3", "inf", "-1"
	 * or " 5", which strtod would all take */
	if (i == 0)
		return false;
	if (v[i] == '.') {
		f = strspn(v + i + 1, digits);
		if (f == 0)
			return false;
		i += 1 + f;
	}
	if (v[i] != '\0')
		return false;
	*out = strtod(v, &end);
	return *end == '\0' && isfinite(*out);
}

/* c as it is shown on a terminal: itself, or an escape; returns the
 * number of bytes put in out (at most 4). */
static size_t esc_char(unsigned char c, char out[4])
{
	static const char hex[] = "0123456789abcdef";

	if (c >= 0x20 && c != 0x7f && c != '\\') {
		out[0] = (char)c;
		return 1;
	}
	out[0] = '\\';
	if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
		out[1] = c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
		return 2;
	}
	out[1] = 'x';
	out[2] = hex[c >> 4];
	out[3] = hex[c & 15];
	return 4;
}

const char *cli_esc(const char *s, char *buf, size_t n)
{
	size_t o = 0;
	char e[4];

	if (n == 0)
		return "";
	for (s = s ? s : ""; *s; s++) {
		size_t k = esc_char((unsigned char)*s, e);

		if (o + k + 4 > n) {   /* room for "..." and the NUL */
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(buf + o, e, k);
		o += k;
	}
	buf[o] = '\0';
	return buf;
}

char *cli_esc_dup(const char *s)
{
	size_t n = 1;
	char e[4], *p;

	s = s ? s : "";
	for (const char *q = s; *q; q++)
		n += esc_char((unsigned char)*q, e);
	p = ro_malloc(n);
	if (p)
		cli_esc(s, p, n + 4);   /* never cut: n is the exact length */
	return p;
}

void cli_put_esc(FILE *f, const char *s)
{
	char e[4];

	for (s = s ? s : ""; *s; s++)
		fwrite(e, 1, esc_char((unsigned char)*s, e), f);
}

void cli_inventory_option(const struct cli_spec *spec)
{
	ro_inventory_allow_outside(cli_given(spec, "allow-inventory-outside"));
}
