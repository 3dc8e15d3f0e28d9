/*
 * reboot.c - the restart rule of docs/semantics.md, "Reboots".
 */
#include "reboot.h"

#include <stdbool.h>

#include "expand.h"

int32_t ro_reboot_block(const uint64_t *on, const uint64_t *rb_ok,
			int32_t from, int32_t r, int32_t limit)
{
	/* run: consecutive on slots ending at b + r - 1 counted from b;
	 * a straight scan, since a block is at most RO_MAX_REBOOTS long */
	for (int32_t b = from < 0 ? 0 : from; b + r <= limit; b++) {
		bool all_on = true, all_window = true;

		for (int32_t t = b; t < b + r; t++) {
			if (!ro_bit(on, t)) {
				all_on = false;
				break;
			}
			if (rb_ok && !ro_bit(rb_ok, t))
				all_window = false;
		}
		if (!all_on)
			continue;
		if (all_window || !ro_bit(on, b - 1))
			return b;
	}
	return -1;
}
