/*
 * inventory.c - the folder an inventory may be read from, and quoting of
 * untrusted text in messages (see inventory.h).
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include "inventory.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "outsafe.h"

static bool allow_outside;

void ro_inventory_allow_outside(bool on)
{
	allow_outside = on;
}

bool ro_inventory_inside(const char *site, const char *path)
{
	char dir[PATH_MAX], file[PATH_MAX], *d;
	size_t n;
	bool ok;

	if (allow_outside)
		return true;
	if (!realpath(path, file))
		return true;   /* the open fails and says why */
	d = ro_path_dir(site);
	ok = d && realpath(d, dir);
	ro_free(d);
	if (!ok)
		return false;
	n = strlen(dir);
	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(file, dir, n) == 0 && file[n] == '/';
}

const char *ro_quote_prefix(const char *s, size_t max, char *buf, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, k = 0;

	if (n == 0)
		return "";
	for (; s[k] && k < max && o + 8 < n; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c < 0x20 || c >= 0x7f) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		} else {
			if (c == '"' || c == '\\')
				buf[o++] = '\\';
			buf[o++] = (char)c;
		}
	}
	if (s[k] && o + 4 <= n) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}
