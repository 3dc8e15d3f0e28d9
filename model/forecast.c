/*
 * forecast.c - every client's CCIM runs, copy and restarts after the
 * administrator's levers (forecast.h; docs/semantics.md, "The SMS 2.0
 * mode").
 *
 * Presence comes from the expansion of a shallow copy of the site whose
 * horizon is widened by a week on each side, on the same slot grid: the
 * calendars, profiles and reboot windows are weekly with dated exceptions,
 * so they are defined there too, and the expansion module stays the one
 * place that reads them.  Internally slots are numbered from the widened
 * start (e = t + W); the interface speaks horizon slots.
 */
#include "forecast.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "expand.h"
#include "plan.h"
#include "reboot.h"
#include "verify.h"

/* The widening on each side: a week, in whole slots. */
#define WIDEN_MIN RO_WEEK_MIN
#define MAX_PATH 4096

struct ro_forecast {
	const struct ro_site *s;
	struct ro_site ext;         /* the site over the widened range */
	struct ro_expand *x;        /* its expansion */
	int32_t W;                  /* slots before the horizon start */
	int32_t n;                  /* slots of the widened range */
	int32_t L, K;
	ro_time t0;                 /* start of the widened range */
	size_t words;
	const uint64_t *rb_ok;      /* reboot windows (NULL: any time) */
	bool rb_done;

	/* phases spread over the 23 hours, and compliance: per record, the
	 * index of its first member among the clients it is spread with,
	 * and how many they are */
	int64_t *phase_j, *phase_n;
	int64_t *group_j, *group_n;

	/* bit sets of the record last asked for */
	uint64_t *on, *lan;
	size_t cur_r;
	int cur_instr;              /* -1: none cached, else 0/1 */
};

static inline bool bit(const uint64_t *b, int32_t e)
{
	return ro_bit(b, e);
}

static ro_time slot_time(const struct ro_forecast *fc, int32_t e)
{
	return fc->t0 + (ro_time)e * fc->L;
}

/* The slot (widened numbering) that contains instant m. */
static int32_t slot_of(const struct ro_forecast *fc, ro_time m)
{
	ro_time d = m - fc->t0;

	if (d < 0)
		return -1;
	d /= fc->L;
	return d >= fc->n ? fc->n : (int32_t)d;
}

static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Clients spread together: phaseless ones by segment and calendar, the
 * members of a user group by group.  key[r] < 0: not spread. */
static int spread(const struct ro_site *s, const int64_t *key, int64_t *j,
		  int64_t *n)
{
	size_t R = s->nclients;
	size_t *ord = ro_reallocarray(NULL, R ? R : 1, sizeof *ord);
	size_t m = 0;

	if (!ord)
		return RO_ENOMEM;
	for (size_t r = 0; r < R; r++)
		if (key[r] >= 0)
			ord[m++] = r;
	/* insertion into key order, stable in record order: a counting pass
	 * per key would need the key range; records are few next to
	 * clients, and sorted once */
	for (size_t a = 1; a < m; a++) {
		size_t v = ord[a], b = a;
		while (b > 0 && key[ord[b - 1]] > key[v]) {
			ord[b] = ord[b - 1];
			b--;
		}
		ord[b] = v;
	}
	for (size_t a = 0; a < m;) {
		size_t b = a;
		int64_t cnt = 0;
		while (b < m && key[ord[b]] == key[ord[a]]) {
			j[ord[b]] = cnt;
			cnt += s->clients[ord[b]].count;
			b++;
		}
		for (size_t c = a; c < b; c++)
			n[ord[c]] = cnt;
		a = b;
	}
	ro_free(ord);
	return RO_OK;
}

static int prepare_spreads(struct ro_forecast *fc)
{
	const struct ro_site *s = fc->s;
	size_t R = s->nclients ? s->nclients : 1;
	int64_t *key = ro_reallocarray(NULL, R, sizeof *key);
	int err = RO_ENOMEM;

	fc->phase_j = ro_calloc(R, sizeof *fc->phase_j);
	fc->phase_n = ro_calloc(R, sizeof *fc->phase_n);
	fc->group_j = ro_calloc(R, sizeof *fc->group_j);
	fc->group_n = ro_calloc(R, sizeof *fc->group_n);
	if (!key || !fc->phase_j || !fc->phase_n || !fc->group_j ||
	    !fc->group_n)
		goto out_free_key;
	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *c = &s->clients[r];
		key[r] = c->has_phase ? -1
			 : (int64_t)c->segment * ((int64_t)s->ncalendars + 1) +
				   c->calendar;
	}
	if ((err = spread(s, key, fc->phase_j, fc->phase_n)) != RO_OK)
		goto out_free_key;
	for (size_t r = 0; r < s->nclients; r++)
		key[r] = s->clients[r].group ? (int64_t)s->clients[r].group : -1;
	err = spread(s, key, fc->group_j, fc->group_n);
out_free_key:
	ro_free(key);
	return err;
}

int ro_forecast_new(const struct ro_site *s, struct ro_forecast **out)
{
	struct ro_forecast *fc;
	int64_t W, n;
	int err = RO_ENOMEM;

	*out = NULL;
	if (s->horizon.slot_min <= 0 || s->horizon.nslots <= 0)
		return RO_EARG;
	fc = ro_calloc(1, sizeof *fc);
	if (!fc)
		return RO_ENOMEM;
	fc->s = s;
	fc->L = s->horizon.slot_min;
	fc->K = (s->policy.reboot_delay_min + fc->L - 1) / fc->L;
	W = (WIDEN_MIN + fc->L - 1) / fc->L;
	n = W + s->horizon.nslots + W;
	if (n > INT32_MAX / 2) {
		err = RO_ELIMIT;
		goto out_free;
	}
	fc->W = (int32_t)W;
	fc->n = (int32_t)n;
	fc->t0 = s->horizon.start - (ro_time)W * fc->L;
	fc->ext = *s;
	fc->ext.horizon.start = fc->t0;
	fc->ext.horizon.end = fc->t0 + (ro_time)n * fc->L;
	fc->ext.horizon.nslots = fc->n;
	fc->words = ro_bits_words(fc->n);
	fc->on = ro_calloc(fc->words, sizeof *fc->on);
	fc->lan = ro_calloc(fc->words, sizeof *fc->lan);
	fc->x = ro_expand_new(&fc->ext);
	fc->cur_instr = -1;
	if (!fc->on || !fc->lan || !fc->x)
		goto out_free;
	if ((err = prepare_spreads(fc)) != RO_OK)
		goto out_free;
	*out = fc;
	return RO_OK;
out_free:
	ro_forecast_free(fc);
	return err;
}

void ro_forecast_free(struct ro_forecast *fc)
{
	if (!fc)
		return;
	ro_expand_free(fc->x);
	ro_free(fc->on);
	ro_free(fc->lan);
	ro_free(fc->phase_j);
	ro_free(fc->phase_n);
	ro_free(fc->group_j);
	ro_free(fc->group_n);
	ro_free(fc);
}

int32_t ro_forecast_first(const struct ro_forecast *fc)
{
	return -fc->W;
}

int32_t ro_forecast_end(const struct ro_forecast *fc)
{
	return fc->n - fc->W;
}

int32_t ro_forecast_ready_slot(const struct ro_forecast *fc, ro_time release)
{
	ro_time ready = release + fc->s->policy.propagation_min;
	int64_t e = ready <= fc->t0 ? 0
				     : (ready - fc->t0 + fc->L - 1) / fc->L;

	return (int32_t)((e > fc->n ? fc->n : e) - fc->W);
}

ro_time ro_forecast_phase(const struct ro_forecast *fc, size_t r, int32_t k)
{
	const struct ro_client *c = &fc->s->clients[r];
	int64_t j, n;

	if (c->has_phase)
		return c->phase;
	j = fc->phase_j[r] + k;
	n = fc->phase_n[r] > 0 ? fc->phase_n[r] : 1;
	return fc->s->horizon.start + j * RO_CCIM_PERIOD_MIN / n;
}

bool ro_forecast_complies(const struct ro_forecast *fc, size_t r, int32_t k)
{
	const struct ro_client *c = &fc->s->clients[r];
	int64_t j, ppm;

	if (!c->group)
		return false;
	ppm = fc->s->groups[c->group - 1].compliance_ppm;
	j = fc->group_j[r] + k;
	/* Bresenham: member j complies when the running count of compliers,
	 * floor(j * p), steps up at it; spreads them evenly in site order */
	return (j + 1) * ppm / RO_PPM > j * ppm / RO_PPM;
}

/* Whether client (r, k) is told to stay on and does. */
static bool stays_on(const struct ro_forecast *fc, const struct ro_levers *lv,
		     size_t r, int32_t k)
{
	const struct ro_client *c = &fc->s->clients[r];
	const struct ro_user_group *g;

	if (!c->group || !lv->instructed || !lv->instructed[c->group - 1])
		return false;
	g = &fc->s->groups[c->group - 1];
	return g->has_stay_on && ro_forecast_complies(fc, r, k);
}

/* Loads fc->on (present) and fc->lan (on the LAN) for record r, with the
 * stay-on span when instr. */
static int load_bits(struct ro_forecast *fc, size_t r, bool instr)
{
	const struct ro_client *c = &fc->s->clients[r];
	int err;

	if (fc->cur_instr == (int)instr && fc->cur_r == r)
		return RO_OK;
	fc->cur_instr = -1;
	if ((err = ro_expand_client_on(fc->x, r, false, fc->on)) != RO_OK)
		return err;
	if (instr) {
		const struct ro_user_group *g = &fc->s->groups[c->group - 1];
		/* slots entirely inside the span */
		int64_t a = g->stay_from - fc->t0, b = g->stay_to - fc->t0;
		int64_t e0 = a <= 0 ? 0 : (a + fc->L - 1) / fc->L;
		int64_t e1 = b <= 0 ? 0 : b / fc->L;
		if (e1 > fc->n)
			e1 = fc->n;
		for (int64_t e = e0; e < e1; e++)
			fc->on[(e + 1) / 64] |= (uint64_t)1 << ((e + 1) % 64);
	}
	memcpy(fc->lan, fc->on, fc->words * sizeof *fc->lan);
	if (c->conn == RO_CONN_RAS && c->office >= 0) {
		const uint64_t *off = ro_expand_calendar(fc->x, c->office);
		if (!off)
			return RO_ENOMEM;
		for (size_t w = 0; w < fc->words; w++)
			fc->lan[w] &= off[w];
	}
	fc->cur_r = r;
	fc->cur_instr = instr;
	return RO_OK;
}

/* The first slot >= e in which b is set, or fc->n. */
static int32_t next_set(const struct ro_forecast *fc, const uint64_t *b,
			int32_t e)
{
	for (; e < fc->n; e++)
		if (bit(b, e))
			return e;
	return fc->n;
}

/*
 * The first CCIM run at or after instant `from`, the count anchored at
 * the run at instant `anchor`: each tick is 23 hours after the previous
 * run; a tick while on is a run, a tick while off runs at the next slot
 * the client is on (power-up or logon), and the count restarts there
 * (Q231232).  *slot and *catch_up describe the run; RO_NEVER if none.
 */
static ro_time next_run(const struct ro_forecast *fc, ro_time anchor,
			ro_time from, int32_t *slot, bool *catch_up)
{
	ro_time run = anchor;
	ro_time end = slot_time(fc, fc->n);

	for (;;) {
		ro_time tick = run + RO_CCIM_PERIOD_MIN;
		int32_t u;

		if (tick >= end)
			return RO_NEVER;
		u = slot_of(fc, tick);
		if (bit(fc->on, u)) {
			run = tick;
			*catch_up = false;
			*slot = u;
		} else {
			int32_t v = next_set(fc, fc->on, u + 1);
			if (v >= fc->n)
				return RO_NEVER;
			run = slot_time(fc, v);
			*catch_up = true;
			*slot = v;
		}
		if (run >= from)
			return run;
	}
}

/* The first logon (a slot where an on-window opens) starting at or after
 * instant from; fc->n when none. */
static int32_t next_logon(const struct ro_forecast *fc, ro_time from)
{
	int64_t d = from - fc->t0;
	int32_t e = d <= 0 ? 0 : (int32_t)((d + fc->L - 1) / fc->L);

	for (; e < fc->n; e++)
		if (bit(fc->on, e) && !bit(fc->on, e - 1))
			return e;
	return fc->n;
}

#define script_upgrades ro_forecast_script_upgrades

static bool is_9x(const struct ro_site *s, const struct ro_client *c)
{
	const char *os = ro_site_str(s, c->os);

	return strcmp(os, "win95") == 0 || strcmp(os, "win98") == 0;
}

bool ro_forecast_script_upgrades(const struct ro_site *s,
				  const struct ro_client *c)
{
	if (!(c->triggers & RO_TRIG_LOGON))
		return false;
	return c->not_installed || s->policy.logon_path == RO_LOGON_PATH_SP1;
}

/* The copy: d slots and q bytes a slot over the LAN path, or over the
 * dial-up line at the policy's rate. */
static void copy_size(const struct ro_forecast *fc, size_t r, bool ras,
		      int32_t *d, int64_t *q)
{
	const struct ro_site *s = fc->s;
	const struct ro_client *c = &s->clients[r];
	int64_t S = c->bytes > 0 ? c->bytes : 0;

	if (ras) {
		/* ceil(8 S / (bps * 60 L)) */
		__extension__ unsigned __int128 num = (unsigned __int128)S * 8;
		__extension__ unsigned __int128 den =
			(unsigned __int128)s->policy.ras_bps * 60 * fc->L;
		__extension__ unsigned __int128 dd = den ? (num + den - 1) / den
							 : INT32_MAX;
		*d = dd < 1 ? 1 : dd > INT32_MAX ? INT32_MAX : (int32_t)dd;
	} else {
		int32_t path[MAX_PATH];
		int np = ro_client_path(s, c, path, MAX_PATH);
		*d = np > 0 ? ro_transfer_slots(s, c, path, np, fc->L)
			    : INT32_MAX;
	}
	*q = (S + *d - 1) / *d;
}

/* The natural start at or after instant from (no trigger): the earliest of
 * the next CCIM run and, where the script upgrades it and is on for its
 * group, the next logon.  Sets *slot and *cause; RO_NEVER if none. */
static ro_time natural(const struct ro_forecast *fc,
		       const struct ro_levers *lv, size_t r, ro_time anchor,
		       ro_time from, int32_t *slot, enum ro_cause *cause)
{
	const struct ro_site *s = fc->s;
	const struct ro_client *c = &s->clients[r];
	ro_time best = RO_NEVER;

	if (!c->not_installed) {
		bool cu = false;
		int32_t u = 0;
		ro_time a = next_run(fc, anchor, from, &u, &cu);
		if (a != RO_NEVER) {
			best = a;
			*slot = u;
			*cause = !cu ? RO_CAUSE_TICK
				     : is_9x(s, c) ? RO_CAUSE_LOGON
						   : RO_CAUSE_POWER_UP;
		}
	}
	if (script_upgrades(s, c) && lv->cohort) {
		ro_time on = lv->cohort[c->group ? c->group - 1 : s->ngroups];
		if (on != RO_NEVER) {
			int32_t v = next_logon(fc, on > from ? on : from);
			/* at the same slot a catch-up run and the script
			 * coincide: the run is named, the script adds nothing */
			if (v < fc->n && slot_time(fc, v) < best) {
				best = slot_time(fc, v);
				*slot = v;
				*cause = RO_CAUSE_COHORT;
			}
		}
	}
	return best;
}

static enum ro_trigger_fault trigger_fault(const struct ro_forecast *fc,
					   const struct ro_levers *lv,
					   size_t r, int32_t e, ro_time ready,
					   int32_t nat_slot)
{
	const struct ro_client *c = &fc->s->clients[r];

	if (!(c->triggers & RO_TRIG_PUSH) || c->not_installed)
		return RO_TRIGGER_NOT_ALLOWED;
	if (!lv->released)
		return RO_TRIGGER_NOT_RELEASED;
	if (e < 0 || slot_time(fc, e) < ready)
		return RO_TRIGGER_BEFORE_READY;
	if (e >= fc->n || !bit(fc->lan, e))
		return RO_TRIGGER_OFF;
	if (e >= nat_slot)
		return RO_TRIGGER_NOT_EARLIER;
	return RO_TRIGGER_OK;
}

/* Whether the copy from slot e for d slots keeps its connection: on the
 * LAN (or present, over the dial-up line) in every slot; *stop receives the
 * first slot where it is lost. */
static bool copy_holds(const struct ro_forecast *fc, bool ras, int32_t e,
		       int32_t d, int32_t *stop)
{
	const uint64_t *b = ras ? fc->on : fc->lan;

	for (int64_t u = e; u < (int64_t)e + d; u++)
		if (u >= fc->n || !bit(b, (int32_t)u)) {
			*stop = u >= fc->n ? fc->n : (int32_t)u;
			return false;
		}
	return true;
}

static int restart(struct ro_forecast *fc, size_t r, int32_t e,
		   struct ro_fc_client *out);

int ro_forecast_client(struct ro_forecast *fc, const struct ro_levers *lv,
		       size_t r, int32_t k, int32_t trigger,
		       struct ro_fc_client *out)
{
	const struct ro_site *s = fc->s;
	const struct ro_client *c = &s->clients[r];
	ro_time ready, anchor, from, phase;
	int32_t e = 0;
	enum ro_cause cause = RO_CAUSE_NONE;
	ro_time a;
	int err;

	memset(out, 0, sizeof *out);
	out->start = out->reboot = out->end = RO_NO_SLOT;
	if ((err = load_bits(fc, r, stays_on(fc, lv, r, k))) != RO_OK)
		return err;
	if (!lv->released) {
		out->reason = RO_REASON_NOT_RELEASED;
		if (trigger != RO_NO_SLOT)
			out->trigger_fault = RO_TRIGGER_NOT_RELEASED;
		return RO_OK;
	}
	ready = lv->release + s->policy.propagation_min;
	/* the last run at or before the widened start, from the phase */
	phase = ro_forecast_phase(fc, r, k);
	anchor = phase + floordiv(fc->t0 - phase, RO_CCIM_PERIOD_MIN) *
				 RO_CCIM_PERIOD_MIN;
	from = ready;
	for (int attempt = 0;; attempt++) {
		int32_t stop = 0;

		a = natural(fc, lv, r, anchor, from, &e, &cause);
		if (attempt == 0 && trigger != RO_NO_SLOT) {
			int32_t te = trigger + fc->W;
			int32_t nat = a == RO_NEVER ? fc->n : e;
			out->trigger_fault =
				trigger_fault(fc, lv, r, te, ready, nat);
			if (out->trigger_fault == RO_TRIGGER_OK) {
				a = slot_time(fc, te);
				e = te;
				cause = RO_CAUSE_TRIGGER;
			}
		}
		if (a == RO_NEVER) {
			out->reason = attempt > 0 ? RO_REASON_UNFINISHED
				      : c->not_installed && script_upgrades(s, c)
					  ? RO_REASON_NOT_ENABLED
					  : RO_REASON_NO_OPPORTUNITY;
			if (c->not_installed && !script_upgrades(s, c))
				out->reason = RO_REASON_NO_OPPORTUNITY;
			return RO_OK;
		}
		/* a ras client present but out of the office copies over
		 * its dial-up line */
		out->ras = c->conn == RO_CONN_RAS && !bit(fc->lan, e);
		copy_size(fc, r, out->ras, &out->d, &out->q);
		if (copy_holds(fc, out->ras, e, out->d, &stop))
			break;
		if (attempt >= RO_FC_MAX_FAILED) {
			out->reason = RO_REASON_UNFINISHED;
			return RO_OK;
		}
		out->failed[out->nfailed].s = e - fc->W;
		out->failed[out->nfailed].stop = stop - fc->W;
		out->failed[out->nfailed].ras = out->ras;
		out->nfailed++;
		/* every attempt is a CCIM run: the count restarts there */
		anchor = a;
		from = slot_time(fc, stop);
	}
	out->start = e - fc->W;
	out->start_at = a;   /* a tick's own minute, else the slot start */
	out->cause = cause;
	return restart(fc, r, e, out);
}

/* The restarts after a copy that starts in slot e (widened numbering) and
 * holds: out->reboot and out->end. */
static int restart(struct ro_forecast *fc, size_t r, int32_t e,
		   struct ro_fc_client *out)
{
	const struct ro_client *c = &fc->s->clients[r];
	int err;

	if (c->reboots > 0) {
		if (!fc->rb_done) {
			if ((err = ro_expand_reboot_bits(fc->x, &fc->rb_ok)))
				return err;
			fc->rb_done = true;
		}
		int32_t b = ro_reboot_block(fc->on, fc->rb_ok,
					    e + out->d + fc->K, c->reboots,
					    fc->n);
		if (b < 0) {
			out->reason = RO_REASON_UNFINISHED;
			return RO_OK;
		}
		out->reboot = b - fc->W;
		out->end = b + c->reboots - fc->W;
	} else {
		out->end = e + out->d - fc->W;
	}
	return RO_OK;
}

int ro_forecast_trigger_option(struct ro_forecast *fc,
				const struct ro_levers *lv, size_t r, int32_t k,
				int32_t t, struct ro_fc_client *out)
{
	int32_t e = t + fc->W, stop;
	int err;

	memset(out, 0, sizeof *out);
	out->start = out->reboot = out->end = RO_NO_SLOT;
	if ((err = load_bits(fc, r, stays_on(fc, lv, r, k))) != RO_OK)
		return err;
	if (e < 0 || e >= fc->n || !bit(fc->lan, e))
		return RO_OK;
	copy_size(fc, r, false, &out->d, &out->q);
	if (!copy_holds(fc, false, e, out->d, &stop))
		return RO_OK;
	out->start = t;
	out->start_at = slot_time(fc, e);
	out->cause = RO_CAUSE_TRIGGER;
	return restart(fc, r, e, out);
}

int64_t ro_forecast_usable(struct ro_forecast *fc, int32_t l, int32_t t)
{
	return ro_expand_usable(fc->x, l, t + fc->W);
}

/* Adds q bytes in slots s .. stop-1 on the path of record r. */
static void charge(const struct ro_forecast *fc, int64_t *load, size_t r,
		   int32_t s, int32_t stop, int64_t q)
{
	int32_t path[MAX_PATH];
	int np = ro_client_path(fc->s, &fc->s->clients[r], path, MAX_PATH);

	for (int i = 0; i < np; i++)
		for (int32_t t = s; t < stop; t++)
			load[(size_t)path[i] * (size_t)fc->n + (size_t)(t + fc->W)] += q;
}

int ro_forecast_site(struct ro_forecast *fc, const struct ro_levers *lv,
		     struct ro_fc_client *clients, int64_t *load,
		     struct ro_fc_totals *tot)
{
	const struct ro_site *s = fc->s;
	size_t cells = s->nlinks * (size_t)fc->n;
	int64_t *ld = load;
	int64_t i = 0;
	int err = RO_OK;

	memset(tot, 0, sizeof *tot);
	if (!ld) {
		ld = ro_reallocarray(NULL, cells ? cells : 1, sizeof *ld);
		if (!ld)
			return RO_ENOMEM;
	}
	memset(ld, 0, (cells ? cells : 1) * sizeof *ld);
	for (size_t r = 0; r < s->nclients; r++) {
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			struct ro_fc_client one, *fcl = clients ? &clients[i] : &one;
			int32_t trig = lv->trigger ? lv->trigger[i] : RO_NO_SLOT;

			if ((err = ro_forecast_client(fc, lv, r, k, trig, fcl)))
				goto out;
			tot->clients++;
			if (trig != RO_NO_SLOT &&
			    fcl->trigger_fault == RO_TRIGGER_OK)
				tot->triggers++;
			for (int f = 0; f < fcl->nfailed; f++) {
				const struct ro_fc_attempt *at = &fcl->failed[f];
				int64_t q = fcl->q;
				if (at->ras)
					tot->ras_bytes += q * (at->stop - at->s);
				else
					charge(fc, ld, r, at->s, at->stop, q);
			}
			if (fcl->start == RO_NO_SLOT) {
				tot->unplaced[fcl->reason]++;
				continue;
			}
			tot->started++;
			if (fcl->start >= s->horizon.nslots)
				tot->after_horizon++;
			if (fcl->ras)
				tot->ras_bytes += fcl->q * fcl->d;
			else
				charge(fc, ld, r, fcl->start,
				       fcl->start + fcl->d, fcl->q);
			if (fcl->end == RO_NO_SLOT) {
				tot->unplaced[fcl->reason]++;
				continue;
			}
			tot->complete++;
			tot->completion_sum += fcl->end;
			if (fcl->end > tot->makespan)
				tot->makespan = fcl->end;
		}
	}
	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t e = 0; e < fc->n; e++) {
			int64_t v = ld[l * (size_t)fc->n + (size_t)e];
			int64_t u = v ? ro_expand_usable(fc->x, (int32_t)l, e) : 0;
			if (v > u)
				tot->overload += v - u;
		}
out:
	if (!load)
		ro_free(ld);
	return err;
}

void ro_levers_of_plan(const struct ro_plan_levers *pl, struct ro_levers *lv)
{
	lv->released = pl->released;
	lv->release = pl->release;
	lv->cohort = pl->cohort;
	lv->instructed = pl->instructed;
	lv->trigger = pl->trigger;
}

static const char *const causes[] = {
	"none", "tick", "power-up", "logon", "trigger", "cohort",
};

const char *ro_cause_name(enum ro_cause c)
{
	return (unsigned)c < sizeof causes / sizeof *causes ? causes[c] : "?";
}

int ro_cause_parse(const char *s)
{
	for (size_t i = 1; i < sizeof causes / sizeof *causes; i++)
		if (strcmp(s, causes[i]) == 0)
			return (int)i;
	return -1;
}
