/*
 * compare_xml.c - a comparison as XML (compare_xml.h, io/schema/compare.xsd).
 *
 * Same approach as the schedule writer (xmlwrite.h): xmlTextWriter into a
 * memory buffer, every return value checked, the finished buffer must end
 * with the closing tag, then one atomic write.
 */
#include "compare_xml.h"

#include <stdio.h>
#include <string.h>

#include "../io/atomic.h"
#include "../io/version.h"
#include "../io/xmlwrite.h"
#include "../model/alloc.h"
#include "../model/error.h"

const char *ro_figures_status(const struct ro_figures *f)
{
	if (f->err == RO_ENOPLAN)
		return "no-plan";
	if (f->err)
		return "failed";
	if (f->kind == RO_FIGURES_SIMULATION)
		return "simulated";
	return ro_status_name(f->status);
}

static void unplaced(struct ro_xw *o, const char *reason, int64_t n)
{
	if (n <= 0)
		return;
	ro_xw_start(o, "unplaced");
	ro_xw_attr(o, "reason", reason);
	ro_xw_attr_ll(o, "count", n);
	ro_xw_end(o);
}

static void write_column(struct ro_xw *o, const struct ro_figures *f)
{
	char buf[RO_TIME_BUFSZ];

	ro_xw_start(o, "column");
	ro_xw_attr(o, "name", f->name ? f->name : "");
	ro_xw_attr(o, "kind", f->kind == RO_FIGURES_SIMULATION ? "simulation"
		   : "plan");
	ro_xw_attr(o, "status", ro_figures_status(f));
	if (f->kind == RO_FIGURES_PLAN && !f->err)
		ro_xw_attr(o, "control", f->control == RO_CONTROL_SMS20
			   ? "sms20" : "per-client");
	if (f->bound)
		ro_xw_attr(o, "bound", "per-client");
	if (f->err) {
		ro_xw_attr(o, "error",
			   f->error ? f->error : ro_strerror(f->err));
		ro_xw_end(o);
		return;
	}
	if (f->gap >= 0)
		ro_xw_attr_double(o, "gap", f->gap);

	ro_xw_start(o, "horizon");
	ro_xw_attr_time(o, "start", f->horizon.start);
	ro_xw_attr_time(o, "end", f->horizon.end);
	ro_xw_attr_ll(o, "slot-minutes", f->horizon.slot_min);
	ro_xw_attr_ll(o, "slots", f->horizon.nslots);
	ro_xw_end(o);

	ro_xw_start(o, "clients");
	ro_xw_attr_ll(o, "total", f->clients);
	ro_xw_attr_ll(o, "placed", f->placed);
	ro_xw_attr_ll(o, "unplaced", f->clients - f->placed);
	for (int r = RO_REASON_NO_OPPORTUNITY; r < RO_COMPARE_NREASONS; r++)
		unplaced(o, ro_reason_name((enum ro_reason)r), f->unplaced[r]);
	unplaced(o, "never-starts", f->never);
	unplaced(o, "unfinished", f->unfinished);
	ro_xw_end(o);

	if (f->makespan > 0) {
		ro_xw_start(o, "makespan");
		ro_xw_attr_ll(o, "slots", f->makespan);
		ro_xw_attr_ll(o, "minutes",
			      (long long)f->makespan * f->horizon.slot_min);
		ro_xw_attr_time(o, "end", f->finish);
		ro_xw_end(o);
	}

	if (f->kind == RO_FIGURES_PLAN && f->control == RO_CONTROL_SMS20) {
		ro_xw_start(o, "sms20");
		if (f->released)
			ro_xw_attr_time(o, "release", f->release);
		ro_xw_attr_ll(o, "instructed-groups", f->instructed);
		ro_xw_attr_ll(o, "cohorts", f->cohorts);
		ro_xw_attr_ll(o, "triggers", f->triggers);
		ro_xw_attr_ll(o, "after-horizon", f->after_horizon);
		ro_xw_attr_ll(o, "overload-bytes", f->overload);
		ro_xw_attr_ll(o, "ras-bytes", f->ras_bytes);
		ro_xw_attr_ll(o, "ras-clients-over-dial-up", f->ras_dialup);
		ro_xw_end(o);
		if (f->simulated) {
			ro_xw_start(o, "fair-sharing");
			ro_xw_attr_ll(o, "slots", f->sim_nslots);
			if (f->sim_makespan > 0) {
				ro_xw_attr_ll(o, "makespan-slots",
					      f->sim_makespan);
				ro_xw_attr_time(o, "end", f->sim_finish);
			}
			ro_xw_attr_ll(o, "unfinished", f->sim_unfinished);
			ro_xw_end(o);
		}
	}

	for (int i = 0; i < f->nstages; i++) {
		const struct ro_stage *st = &f->stages[i];

		ro_xw_start(o, "stage");
		ro_xw_attr(o, "name", st->name);
		ro_xw_attr(o, "sense", st->maximise ? "maximise" : "minimise");
		ro_xw_attr_double(o, "value", st->value);
		if (st->has_bound) {
			ro_xw_attr_double(o, "bound", st->bound);
			ro_xw_attr_double(o, "gap", ro_stage_gap(st));
		}
		ro_xw_end(o);
	}

	for (size_t i = 0; i < f->nwan; i++) {
		const struct ro_wan_figure *w = &f->wan[i];

		ro_xw_start(o, "wan-link");
		ro_xw_attr(o, "id", w->id);
		ro_xw_attr_ratio(o, "peak-utilisation", w->peak_load,
				 w->peak_usable);
		ro_xw_attr_ll(o, "bytes", w->peak_load);
		ro_xw_attr_ll(o, "usable", w->peak_usable);
		if (w->peak_load > 0)
			ro_xw_attr_time(o, "at", f->horizon.start +
					(ro_time)w->peak_slot *
					f->horizon.slot_min);
		ro_xw_end(o);
	}
	for (size_t i = 0; i < f->ndays; i++) {
		ro_xw_start(o, "wan-day");
		ro_xw_attr(o, "date", ro_date_format(f->days[i].day, buf));
		ro_xw_attr_ll(o, "bytes", f->days[i].bytes);
		ro_xw_end(o);
	}

	ro_xw_start(o, "reboots");
	ro_xw_attr_ll(o, "total", f->reboots);
	ro_xw_attr_ll(o, "office-hours", f->reboots_office);
	ro_xw_end(o);

	ro_xw_start(o, "ras");
	ro_xw_attr_ll(o, "clients", f->ras_clients);
	ro_xw_attr_ll(o, "deferred", f->ras_deferred);
	ro_xw_end(o);

	ro_xw_end(o);
}

int ro_compare_xml(const struct ro_compare *c, char **text, size_t *len,
		   struct ro_diag *d)
{
	static const char tail[] = "</comparison>\n";
	struct ro_xw o;
	const char *t;
	size_t n;

	if (text)
		*text = NULL;
	if (len)
		*len = 0;
	if (!c || !text || !len || !d) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot write the comparison: "
				    "invalid argument");
		return RO_EARG;
	}
	if (ro_xw_open(&o) != RO_OK)
		goto out_nomem;
	ro_xw_start(&o, "comparison");
	ro_xw_attr(&o, "version", "1");
	ro_xw_attr(&o, "generator", "rollout " RO_VERSION);
	ro_xw_start(&o, "site");
	ro_xw_attr(&o, "name", c->site ? c->site : "");
	ro_xw_attr(&o, "file", c->path ? c->path : "");
	ro_xw_end(&o);
	ro_xw_start(&o, "office-hours");
	ro_xw_attr(&o, "days", "Mon-Fri");
	{
		char hm[8];

		snprintf(hm, sizeof hm, "%02d:%02d", RO_OFFICE_FROM_MIN / 60,
			 RO_OFFICE_FROM_MIN % 60);
		ro_xw_attr(&o, "from", hm);
		snprintf(hm, sizeof hm, "%02d:%02d", RO_OFFICE_TO_MIN / 60,
			 RO_OFFICE_TO_MIN % 60);
		ro_xw_attr(&o, "to", hm);
	}
	ro_xw_end(&o);
	for (size_t i = 0; i < c->n; i++)
		write_column(&o, &c->v[i]);
	ro_xw_end(&o);

	t = ro_xw_finish(&o, tail, &n);
	if (!t || !(*text = ro_malloc(n + 1))) {
		ro_xw_close(&o);
		goto out_nomem;
	}
	memcpy(*text, t, n);
	(*text)[n] = '\0';
	*len = n;
	ro_xw_close(&o);
	return RO_OK;

out_nomem:
	ro_diag_add(d, NULL, 0, "cannot build the comparison: out of memory");
	return RO_ENOMEM;
}

int ro_compare_write(const struct ro_compare *c, const char *path,
		     struct ro_diag *d)
{
	char *text;
	size_t len;
	int rc;

	if (!path) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot write the comparison: "
				    "invalid argument");
		return RO_EARG;
	}
	rc = ro_compare_xml(c, &text, &len, d);
	if (rc)
		return rc;
	rc = ro_write_file_atomic(path, text, len, d);
	ro_free(text);
	return rc;
}
