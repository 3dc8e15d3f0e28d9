/*
 * test_reboot.c - the restart rule of docs/semantics.md, "Reboots", on
 * bit sets written by hand: slot t is bit t + 1 (expand.h).
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "../model/reboot.h"

/* bits from a picture: s[i] is slot i - 1 ('1' set, anything else clear) */
static void bits_of(uint64_t *b, const char *s)
{
	memset(b, 0, 2 * sizeof *b);
	for (size_t i = 0; s[i]; i++)
		if (s[i] == '1')
			b[i / 64] |= (uint64_t)1 << (i % 64);
}

START_TEST(first_window_slot_after_the_delay)
{
	uint64_t on[2], win[2];

	/*           slot: -1 0123456789 */
	bits_of(on,  "1" "1111111111");
	bits_of(win, "0" "0000011000");
	/* the delay ends at slot 2; the window opens at 5 */
	ck_assert_int_eq(ro_reboot_block(on, win, 2, 1, 10), 5);
	/* two restarts need two window slots in a row: 5 and 6 */
	ck_assert_int_eq(ro_reboot_block(on, win, 2, 2, 10), 5);
	/* from 6, one slot of window is left: one restart fits, two do not */
	ck_assert_int_eq(ro_reboot_block(on, win, 6, 1, 10), 6);
	ck_assert_int_eq(ro_reboot_block(on, win, 6, 2, 10), -1);
	/* no window list: the first slot after the delay */
	ck_assert_int_eq(ro_reboot_block(on, NULL, 2, 1, 10), 2);
	/* the limit: the block must end by it */
	ck_assert_int_eq(ro_reboot_block(on, win, 2, 1, 5), -1);
	ck_assert_int_eq(ro_reboot_block(on, win, 2, 1, 6), 5);
}
END_TEST

START_TEST(power_up_is_a_restart)
{
	uint64_t on[2], win[2];

	/* on 0..3, off 4..6, on again 7..9; windows only at 9 */
	bits_of(on,  "1" "1111000111");
	bits_of(win, "0" "0000000001");
	/* switched off after the delay: the power-up at 7 restarts it */
	ck_assert_int_eq(ro_reboot_block(on, win, 2, 1, 10), 7);
	/* two restarts: the power-up and the slot after it */
	ck_assert_int_eq(ro_reboot_block(on, win, 2, 2, 10), 7);
	/* from 8 the client is on since 7: it waits for the window at 9 */
	ck_assert_int_eq(ro_reboot_block(on, win, 8, 1, 10), 9);
	/* a window slot while off does not count */
	bits_of(win, "0" "0000110000");
	ck_assert_int_eq(ro_reboot_block(on, win, 4, 1, 10), 7);
	/* never on again: none */
	bits_of(on,  "1" "1111000000");
	ck_assert_int_eq(ro_reboot_block(on, win, 2, 1, 10), -1);
}
END_TEST

Suite *suite_reboot(void)
{
	Suite *s = suite_create("reboot");
	TCase *tc = tcase_create("rule");

	tcase_add_test(tc, first_window_slot_after_the_delay);
	tcase_add_test(tc, power_up_is_a_restart);
	suite_add_tcase(s, tc);
	return s;
}
