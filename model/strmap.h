/*
 * strmap.h - an open-addressing map from strings to int32 values.
 *
 * For id lookups at scale (100,000 client ids, links, servers).  The map
 * copies nothing: keys must outlive it (string-pool or document strings).
 */
#ifndef RO_STRMAP_H
#define RO_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ro_strmap;

struct ro_strmap *ro_strmap_new(size_t expected);
void ro_strmap_free(struct ro_strmap *m);   /* accepts NULL */
/* Inserts key -> value.  Returns 1 if inserted, 0 if the key was already
 * there (*old, if not NULL, receives its value; nothing changes), -1 on
 * allocation failure. */
int ro_strmap_put(struct ro_strmap *m, const char *key, int32_t value,
		  int32_t *old);
/* Value of key, or -1 when absent. */
int32_t ro_strmap_get(const struct ro_strmap *m, const char *key);
size_t ro_strmap_size(const struct ro_strmap *m);

#endif
