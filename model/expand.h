/*
 * expand.h - calendars, profiles and triggers expanded onto the slots of the
 * horizon (docs/semantics.md, "Calendars and presence" and "Trigger
 * occurrences").
 *
 * Expansion is part of the model: the planner and the independent verifier
 * both use it.  Everything here works per calendar / profile / record, never
 * per expanded client, and caches per calendar so a site of 100,000 clients
 * sharing a few calendars costs a few calendar expansions.
 *
 * Bit sets cover slots -1 .. T-1: slot t is bit t + 1 of an array of
 * ro_bits_words(T) 64-bit words.
 *
 * Ownership: struct ro_expand owns every array it returns; they stay valid
 * until ro_expand_free().  The site must outlive the expansion.
 */
#ifndef RO_EXPAND_H
#define RO_EXPAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "site.h"

static inline size_t ro_bits_words(int32_t nslots)
{
	return ((size_t)nslots + 1 + 63) / 64;
}

static inline bool ro_bit(const uint64_t *bits, int32_t t)
{
	uint32_t i = (uint32_t)(t + 1);
	return (bits[i / 64] >> (i % 64)) & 1;
}

/* A start opportunity: slot and the triggers that fire in it. */
struct ro_opp {
	int32_t slot;
	uint8_t triggers;   /* RO_TRIG_* bits, after policy filtering */
};

struct ro_expand;

/* ro_expand_new and ro_expand_free: include/rollout.h. */

/* Slots (-1 .. T-1) in which calendar cal is on for the whole slot.  NULL
 * only on allocation failure. */
const uint64_t *ro_expand_calendar(struct ro_expand *x, int32_t cal);

/* Slots in which the client(s) of record r are on.  lan_only: intersect with
 * the office calendar for ras clients (the planning view); false: presence
 * alone.  Writes ro_bits_words(T) words to out.  Returns RO_OK or
 * RO_ENOMEM. */
int ro_expand_client_on(struct ro_expand *x, size_t r, bool lan_only,
			uint64_t *out);

/* The start opportunities of record r in increasing slot order, policy and
 * CAP ready time applied.  lan_only as above.  *v is owned by the caller
 * (free with ro_free); *n may be 0.  Returns RO_OK or RO_ENOMEM. */
int ro_expand_opportunities(struct ro_expand *x, size_t r, bool lan_only,
			    struct ro_opp **v, size_t *n);

/* Background utilisation (ppm) of link l in slot t: the highest profile
 * value over the minutes of the slot; 0 without a profile. */
uint32_t ro_expand_background(struct ro_expand *x, int32_t l, int32_t t);

/* Whether slot t lies entirely inside a reboot window of the policy (always
 * true when the policy has none). */
bool ro_expand_reboot_ok(struct ro_expand *x, int32_t t);

/* The same for every slot -1 .. T-1 at once, as a bit set: *out is NULL
 * when the policy has no reboot window (every slot is allowed).  Returns
 * RO_OK or RO_ENOMEM. */
int ro_expand_reboot_bits(struct ro_expand *x, const uint64_t **out);

/* Whether a weekly span list contains week-minute wm (0..10079), and whether
 * a calendar is on at absolute minute m (weekly windows, then exceptions in
 * order).  Exposed for tests and for the simulator. */
bool ro_wspans_contain(const struct ro_wspan *w, size_t n, int wm);
bool ro_calendar_on_at(const struct ro_calendar *c, ro_time m);

/* Added by the expansion module (additive; nothing above changed). */

/* The first slot whose start is at or after the ready time of server
 * (0 .. T; T when it is ready only after the last slot starts), or -1 for
 * a bad server index. */
int32_t ro_expand_ready_slot(const struct ro_expand *x, int32_t server);

/* Like ro_expand_opportunities, but only counts them (no copy). */
int ro_expand_count_opportunities(struct ro_expand *x, size_t r,
				  bool lan_only, size_t *n);

/* Usable bytes U(l,t) of link l in slot t (docs/semantics.md, "Capacity"),
 * exact: floor(capacity_bps * (1e6 - bg) * share_ppm * 60 * L / 8e12).
 * 0 for a bad link or slot. */
int64_t ro_expand_usable(struct ro_expand *x, int32_t l, int32_t t);

#endif
