/*
 * inventory.h - where a site's <inventory file=...> may point, and how its
 * text is quoted in messages.
 *
 * An inventory is read from the folder of the site file (or a folder
 * under it), links resolved, unless the program allows more: a site file
 * from elsewhere must not make rollout read /etc/shadow and print its
 * first line (docs/site-format.md, "inventory").
 */
#ifndef RO_INVENTORY_H
#define RO_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>

/* Whether inventories outside the site file's folder are read (default:
 * false).  A setting of the whole process, made once by the program
 * (--allow-inventory-outside) before any site is loaded; no environment
 * variable changes it. */
void ro_inventory_allow_outside(bool on);

/* Whether path, the inventory of site file site (relative paths already
 * joined to its folder), may be read: always when allowed, else when it
 * resolves (links followed) inside the folder of site.  A path that does
 * not resolve is let through: opening it fails with its own message. */
bool ro_inventory_inside(const char *site, const char *path);

/* At most max characters of s for a message, escaped: a control or
 * non-ASCII byte as \xHH, '"' and '\' with a backslash, "..." when cut.
 * buf needs 4 * max + 4 bytes; returns buf. */
const char *ro_quote_prefix(const char *s, size_t max, char *buf, size_t n);

#endif
