/*
 * export_csv.c - the text exports (docs/export.md): one CSV row per
 * client (RFC 4180), the waves as collection rows with a maintenance
 * window, and the waves as an Ansible inventory (INI).
 */
#include "export_priv.h"

#include <stdio.h>
#include <string.h>

#include "../model/error.h"
#include "../model/forecast.h"
#include "atomic.h"
#include "textbuf.h"

#define NAME_LEN 512

int ro_export_finish(struct ro_tb *b, const char *what, const char *path,
		     struct ro_diag *d)
{
	int rc;

	if (b->oom) {
		ro_tb_release(b);
		ro_diag_add(d, NULL, 0, "cannot write '%s': out of memory "
			    "while building the %s", path, what);
		return RO_ENOMEM;
	}
	rc = ro_write_file_atomic(path, b->p ? b->p : "", b->n, d);
	ro_tb_release(b);
	return rc;
}

static void slot_field(struct ro_tb *b, const struct ro_site *s, int32_t t)
{
	char buf[RO_TIME_BUFSZ];

	if (t != RO_NO_SLOT)
		ro_tb_puts(b, ro_time_format(ro_slot_time(s, t), buf));
}

int ro_export_csv(const struct ro_xview *v, const char *path,
		  struct ro_diag *d)
{
	const struct ro_site *s = v->s;
	struct ro_tb b = { NULL, 0, 0, false };
	char name[NAME_LEN];
	struct ro_xclient c;
	size_t i = 0;

	/* CRLF: RFC 4180's line break, which spreadsheets expect */
	ro_tb_puts(&b, "id,user,os,segment,cap,start,end,cause,path,reboots,"
		   "status,reason\r\n");
	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *cl = &s->clients[r];
		for (int32_t k = 0; k < cl->count; k++, i++) {
			ro_xview_client_at(v, i, r, k, &c);
			ro_tb_csv(&b, ro_client_name(s, r, k, name, sizeof name));
			ro_tb_puts(&b, ",");
			ro_tb_csv(&b, ro_site_str(s, cl->user));
			ro_tb_puts(&b, ",");
			ro_tb_csv(&b, ro_site_str(s, cl->os));
			ro_tb_puts(&b, ",");
			ro_tb_csv(&b, ro_site_str(s, s->links[cl->segment].id));
			ro_tb_puts(&b, ",");
			ro_tb_csv(&b, ro_site_str(s, s->servers[cl->server].id));
			ro_tb_puts(&b, ",");
			slot_field(&b, s, c.start);
			ro_tb_puts(&b, ",");
			slot_field(&b, s, c.end);
			ro_tb_printf(&b, ",%s,%s,%d,%s,%s\r\n", c.cause,
				     c.done ? (c.ras ? "ras" : "lan") : "",
				     c.nreboots,
				     c.done ? "upgraded" : "not-upgraded",
				     c.reason);
		}
	}
	return ro_export_finish(&b, "CSV export", path, d);
}

/* The wave's collection name: the site's name and the wave's number,
 * zero-padded so that the names sort in wave order. */
static void wave_name(char *buf, size_t n, const char *prefix, size_t w,
		      size_t nw)
{
	int digits = 2, len;

	for (size_t m = nw; m >= 100 && digits < 20; m /= 10)
		digits++;
	len = snprintf(buf, n, "%s", prefix);
	if (len >= 0 && (size_t)len < n)
		snprintf(buf + len, n - (size_t)len, "%0*zu", digits, w + 1);
}

int ro_export_collections(const struct ro_xview *v, const char *path,
			  struct ro_diag *d)
{
	const struct ro_site *s = v->s;
	struct ro_tb b = { NULL, 0, 0, false };
	struct ro_waves ws;
	char name[NAME_LEN], coll[NAME_LEN + 32], t[RO_TIME_BUFSZ];
	int rc = ro_waves_build(v, &ws);

	if (rc != RO_OK) {
		ro_diag_add(d, NULL, 0, "cannot write '%s': out of memory "
			    "while building the waves", path);
		return rc;
	}
	ro_tb_puts(&b, "collection,name,user,window_start,window_minutes,"
		   "wave_kind\r\n");
	for (size_t w = 0; w < ws.n; w++) {
		const struct ro_wave *wv = &ws.w[w];
		/* a window at least one slot long: the trigger's own */
		int64_t minutes = wv->until - wv->at;
		if (minutes < s->horizon.slot_min)
			minutes = s->horizon.slot_min;
		snprintf(name, sizeof name, "%s-wave-", ro_site_str(s, s->name));
		wave_name(coll, sizeof coll, name, w, ws.n);
		for (size_t m = 0; m < wv->nm; m++) {
			size_t i = ws.member[wv->m0 + m];
			size_t r = ro_plan_record_of(v->p, i);
			ro_tb_csv(&b, coll);
			ro_tb_puts(&b, ",");
			ro_tb_csv(&b, ro_plan_client_name(v->p, s, i, name,
							  sizeof name));
			ro_tb_puts(&b, ",");
			ro_tb_csv(&b, ro_site_str(s, s->clients[r].user));
			ro_tb_printf(&b, ",%s,%lld,%s\r\n",
				     ro_time_format(wv->at, t),
				     (long long)minutes, wv->kind);
		}
	}
	ro_waves_release(&ws);
	return ro_export_finish(&b, "collections export", path, d);
}

/* Whether an id can stand as an Ansible host in an INI inventory: the
 * INI syntax gives '=', ':', ';', '#', '[' and blanks meanings of their
 * own, so only letters, digits, '.', '-' and '_' pass. */
static bool host_ok(const char *h)
{
	if (!*h)
		return false;
	for (; *h; h++)
		if (!((*h >= 'a' && *h <= 'z') || (*h >= 'A' && *h <= 'Z') ||
		      (*h >= '0' && *h <= '9') || *h == '.' || *h == '-' ||
		      *h == '_'))
			return false;
	return true;
}

int ro_export_ansible(const struct ro_xview *v, const char *path,
		      struct ro_diag *d)
{
	const struct ro_site *s = v->s;
	struct ro_tb b = { NULL, 0, 0, false };
	struct ro_waves ws;
	char name[NAME_LEN], grp[32], t[RO_TIME_BUFSZ];
	int rc = ro_waves_build(v, &ws);

	if (rc != RO_OK) {
		ro_diag_add(d, NULL, 0, "cannot write '%s': out of memory "
			    "while building the waves", path);
		return rc;
	}
	for (size_t w = 0; w < ws.n && rc == RO_OK; w++)
		for (size_t m = 0; m < ws.w[w].nm; m++) {
			size_t i = ws.member[ws.w[w].m0 + m];
			const struct ro_client *cl =
				&s->clients[ro_plan_record_of(v->p, i)];
			ro_plan_client_name(v->p, s, i, name, sizeof name);
			if (!host_ok(name)) {
				ro_diag_add(d, ro_site_str(s, cl->file), cl->line,
					    "client id '%s' cannot be an Ansible "
					    "host name (letters, digits, '.', '-' "
					    "and '_' only); rename the client", name);
				rc = RO_EINVAL;
				break;
			}
		}
	if (rc != RO_OK) {
		ro_waves_release(&ws);
		return rc;
	}
	ro_tb_printf(&b, "# rollout waves of site %s, schedule %s: run the "
		     "groups of rollout_waves in their order\n",
		     ro_site_str(s, s->name), v->name);
	for (size_t w = 0; w < ws.n; w++) {
		const struct ro_wave *wv = &ws.w[w];
		wave_name(grp, sizeof grp, "wave_", w, ws.n);
		ro_tb_printf(&b, "\n[%s]\n", grp);
		for (size_t m = 0; m < wv->nm; m++)
			ro_tb_printf(&b, "%s\n", ro_plan_client_name(v->p, s,
				     ws.member[wv->m0 + m], name, sizeof name));
		ro_tb_printf(&b, "\n[%s:vars]\nrollout_wave=%zu\n"
			     "rollout_wave_kind=%s\nrollout_wave_start=%s\n",
			     grp, w + 1, wv->kind, ro_time_format(wv->at, t));
		ro_tb_printf(&b, "rollout_wave_end=%s\n",
			     ro_time_format(wv->until, t));
	}
	ro_tb_puts(&b, "\n[rollout_waves:children]\n");
	for (size_t w = 0; w < ws.n; w++) {
		wave_name(grp, sizeof grp, "wave_", w, ws.n);
		ro_tb_printf(&b, "%s\n", grp);
	}
	ro_waves_release(&ws);
	return ro_export_finish(&b, "Ansible inventory", path, d);
}
