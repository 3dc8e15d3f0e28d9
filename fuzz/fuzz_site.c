/*
 * fuzz_site.c - libFuzzer harness for the site reader (ro_site_load_memory).
 *
 * Any bytes: a site, refused or loaded, never a crash, a leak or undefined
 * behaviour.  A loaded site is expanded (calendars, triggers) and loaded
 * again under each of its scenarios, as `rollout plan -s` would.  No file
 * name is given, so <inventory> is refused rather than read from disk.
 */
#include <stddef.h>
#include <stdint.h>

#include "../io/site_read.h"
#include "../model/diag.h"
#include "../model/expand.h"
#include "../model/site.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ro_site *s = NULL;
	struct ro_diag d;

	ro_diag_init(&d);
	if (ro_site_load_memory((const char *)data, size, NULL, NULL, &s,
				&d) == 0) {
		struct ro_expand *x = ro_expand_new(s);
		ro_expand_free(x);
		for (size_t i = 0; i < s->nscenarios && i < 4; i++) {
			struct ro_site *t = NULL;
			ro_site_load_memory((const char *)data, size, NULL,
					    ro_site_str(s, s->scenario_names[i]), &t,
					    &d);
			ro_site_free(t);
		}
	}
	ro_site_free(s);
	ro_diag_release(&d);
	return 0;
}
