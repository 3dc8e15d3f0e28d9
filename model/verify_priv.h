/*
 * verify_priv.h - what the per-client verifier's files share (model/verify*.c,
 * ro_verify in verify.h).
 *
 * Not a public header.  verify.c sets up a struct ro_verifier and runs the
 * three passes: verify_plan.c recomputes the plan from the start slots
 * (transfers, loads, ends, reasons) and checks it against the limits;
 * verify_claims.c compares what a schedule file states (summary, clients,
 * link slots) with that recomputation; verify_actions.c checks the file's
 * actions against the plan and the policy.  verify_sms.c, the SMS 2.0
 * verifier, shares none of it: it recomputes through model/forecast.c.
 */
#ifndef RO_VERIFY_PRIV_H
#define RO_VERIFY_PRIV_H

#include <stdarg.h>
#include <stdint.h>

#include "verify.h"

__extension__ typedef unsigned __int128 u128;

#define NAME_MAX_LEN 256

/* One run of ro_verify: the inputs, the recomputation it fills and the
 * violations it counts. */
struct ro_verifier {
	const struct ro_site *s;
	struct ro_expand *x;
	const struct ro_plan *p;
	struct ro_eval *ev;
	struct ro_diag *v;
	long nviol;
	int32_t T, L, K;
	size_t words;
	const uint64_t *rb_ok;  /* reboot windows (expand.h), NULL: none */
	int32_t *path;          /* nlinks: scratch for one record's path */

	/* expansion of the record last looked at (lan_only = true) */
	long on_rec, opp_rec, pres_rec;
	uint64_t *on, *pres;
	struct ro_opp *opp;
	size_t nopp;
};

/* ---- violations and slot times ------------------------------------- */

/* A violation of the plan, with no line.  (Static, like the helpers
 * below: the library exports only ro_ names.) */
static inline void viol(struct ro_verifier *c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static inline void viol(struct ro_verifier *c, const char *fmt, ...)
{
	va_list ap;

	c->nviol++;
	va_start(ap, fmt);
	ro_diag_vadd(c->v, NULL, 0, fmt, ap);
	va_end(ap);
}

/* A violation of a claim the schedule file makes on line (0: unknown). */
static inline void viol_at(struct ro_verifier *c, long line,
			   const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static inline void viol_at(struct ro_verifier *c, long line,
			   const char *fmt, ...)
{
	va_list ap;

	c->nviol++;
	va_start(ap, fmt);
	ro_diag_vadd(c->v, NULL, line, fmt, ap);
	va_end(ap);
}

/* The start of slot t (any t: a claim may lie past the horizon). */
static inline ro_time slot_time(const struct ro_verifier *c, int64_t t)
{
	return c->s->horizon.start + t * c->L;
}

/* The start of slot t as text in buf (RO_TIME_BUFSZ); returns buf. */
static inline const char *slot_str(const struct ro_verifier *c,
					 int64_t t, char *buf)
{
	return ro_time_format(c->s->horizon.start + t * c->L, buf);
}

/* ---- the plan recomputed (verify_plan.c) ---------------------------- */

/* U(l,t) in bytes (docs/semantics.md, "Capacity"). */
int64_t ro_vf_usable(int64_t cap, uint32_t bg, uint32_t share, int32_t L);

/* Recomputes and checks the clients of record r (expanded indices from
 * first): duration, charge, end or reason, and adds their loads to c->ev.
 * RO_OK or RO_ENOMEM. */
int ro_vf_check_record(struct ro_verifier *c, size_t r, int64_t first);

/* Loads, reboots and server concurrency against their limits, once every
 * record is added; sets c->ev->peak_util. */
void ro_vf_check_links(struct ro_verifier *c);

/* ---- what a file states (verify_claims.c, verify_actions.c) ---------- */

/* Every claim of c->p->stated (nothing when the plan has none) against
 * the recomputation.  RO_OK or RO_ENOMEM. */
int ro_vf_check_stated(struct ro_verifier *c);

/* The actions of the file against the plan and the site's policy
 * (docs/schedule-format.md, "What the actions mean").  RO_OK or
 * RO_ENOMEM. */
int ro_vf_check_actions(struct ro_verifier *c, const struct ro_stated *st);

#endif
