/*
 * reboot.h - when a Windows 95/98 client restarts after its copy
 * (docs/semantics.md, "Reboots"), in both control modes.
 *
 * KB 237543: a 9x client needs one or more restarts, "15 minutes or more"
 * after the copy.  So the restart is not at exactly the delay: it is the
 * first moment after the delay at which the user restarts the PC, which is
 * either a reboot window while the PC is on (the instruction the
 * administrator gives) or the next power-up when the PC was switched off
 * first, since a cold start completes the upgrade as a restart does.
 */
#ifndef RO_REBOOT_H
#define RO_REBOOT_H

#include <stdint.h>

/* The first slot b with from <= b and b + r <= limit such that the client
 * is on in every slot b .. b+r-1 and either every one of those slots lies
 * in a reboot window (rb_ok), or the client is off in slot b - 1 (b is a
 * power-up).  -1 when there is none.
 *
 * on and rb_ok are bit sets in the convention of expand.h (slot t is bit
 * t + 1, slots -1 .. limit-1 present); rb_ok NULL means every slot is in a
 * reboot window.  r >= 1, from >= 0. */
int32_t ro_reboot_block(const uint64_t *on, const uint64_t *rb_ok,
			int32_t from, int32_t r, int32_t limit);

#endif
