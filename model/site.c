/*
 * site.c - lifecycle, string pool and lookups of struct ro_site.
 */
#include "site.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"

struct ro_site *ro_site_new(void)
{
	struct ro_site *s = ro_calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->pool = ro_malloc(256);
	if (!s->pool) {
		ro_free(s);
		return NULL;
	}
	s->pool[0] = '\0';
	s->pool_len = 1;
	s->pool_cap = 256;
	s->policy.logon = RO_LOGON_ENABLED;
	s->policy.reboot_delay_min = RO_DEFAULT_REBOOT_DELAY_MIN;
	s->policy.expire_adverts = true;
	s->policy.propagation_min = RO_DEFAULT_PROPAGATION_MIN;
	s->policy.ras_bps = RO_DEFAULT_RAS_BPS;
	return s;
}

void ro_site_free(struct ro_site *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncalendars; i++) {
		ro_free(s->calendars[i].weekly);
		ro_free(s->calendars[i].exc);
	}
	for (size_t i = 0; i < s->nprofiles; i++)
		ro_free(s->profiles[i].levels);
	ro_free(s->calendars);
	ro_free(s->profiles);
	ro_free(s->links);
	ro_free(s->servers);
	ro_free(s->components);
	ro_free(s->clients);
	ro_free(s->scenario_names);
	ro_free(s->policy.reboot_windows);
	ro_free(s->policy.releases);
	ro_free(s->groups);
	ro_free(s->pool);
	ro_free(s);
}

uint32_t ro_site_intern(struct ro_site *s, const char *str, bool *ok)
{
	size_t n = strlen(str) + 1;
	uint32_t off;

	if (n == 1)
		return 0;
	if (s->pool_len + n > UINT32_MAX) {
		*ok = false;
		return 0;
	}
	if (s->pool_len + n > s->pool_cap) {
		size_t cap = s->pool_cap;
		while (s->pool_len + n > cap)
			cap *= 2;
		char *p = ro_realloc(s->pool, cap);
		if (!p) {
			*ok = false;
			return 0;
		}
		s->pool = p;
		s->pool_cap = cap;
	}
	off = (uint32_t)s->pool_len;
	memcpy(s->pool + off, str, n);
	s->pool_len += n;
	return off;
}

const char *ro_site_str(const struct ro_site *s, uint32_t off)
{
	return off < s->pool_len ? s->pool + off : "";
}

bool ro_grow(void **v, size_t n, size_t sz)
{
	/* capacity is implicit: powers of two from 8, so growth happens when n
	 * reaches one of them */
	if (n >= 8 && (n & (n - 1)) != 0)
		return true;
	if (n > 0 && n < 8)
		return true;
	size_t cap = n < 8 ? 8 : 2 * n;
	void *p = ro_reallocarray(*v, cap, sz);
	if (!p)
		return false;
	*v = p;
	return true;
}

#define FIND(name, arr, cnt)                                               \
	int ro_site_find_##name(const struct ro_site *s, const char *id)   \
	{                                                                  \
		for (size_t i = 0; i < s->cnt; i++)                        \
			if (strcmp(ro_site_str(s, s->arr[i].id), id) == 0) \
				return (int)i;                             \
		return -1;                                                 \
	}

FIND(link, links, nlinks)
FIND(server, servers, nservers)
FIND(calendar, calendars, ncalendars)
FIND(profile, profiles, nprofiles)
FIND(component, components, ncomponents)
FIND(group, groups, ngroups)

char *ro_client_name(const struct ro_site *s, size_t r, int32_t k, char *buf,
		     size_t n)
{
	const struct ro_client *c = &s->clients[r];
	const char *id = ro_site_str(s, c->id);
	char num[16], cnt[16];
	int len, width;

	if (c->count == 1) {
		snprintf(buf, n, "%s", id);
		return buf;
	}
	width = snprintf(cnt, sizeof cnt, "%d", (int)c->count);
	len = snprintf(num, sizeof num, "%d", (int)k + 1);
	snprintf(buf, n, "%s-%.*s%s", id, width > len ? width - len : 0,
		 "0000000000", num);
	return buf;
}

int ro_client_path(const struct ro_site *s, const struct ro_client *c,
		   int32_t *path, int max)
{
	int32_t target = s->servers[c->server].link;
	int len = 0;

	for (int32_t l = c->segment; l >= 0; l = s->links[l].parent) {
		if (len >= max || (size_t)len >= s->nlinks)
			return -1;   /* too long, or a cycle */
		path[len++] = l;
		if (l == target)
			return len;
	}
	return -1;
}
