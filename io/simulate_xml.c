/*
 * simulate_xml.c - a simulation as XML (simulate_xml.h,
 * io/schema/simulation.xsd).
 */
#include "simulate_xml.h"

#include <stdio.h>

#include "../model/error.h"
#include "atomic.h"
#include "version.h"
#include "xmlsafe.h"
#include "xmlwrite.h"

#define NAME_LEN 512

char *ro_sim_client_name(const struct ro_site *s, int64_t i, char *buf,
			 size_t n)
{
	for (size_t r = 0; r < s->nclients; r++) {
		if (i < s->clients[r].count)
			return ro_client_name(s, r, (int32_t)i, buf, n);
		i -= s->clients[r].count;
	}
	snprintf(buf, n, "?");
	return buf;
}

static void header(struct ro_xw *o, const struct ro_site *s,
		   const struct ro_sim *sim, const char *sched)
{
	char buf[NAME_LEN];

	ro_xw_start(o, "site");
	ro_xw_attr(o, "name", ro_site_str(s, s->name));
	if (s->scenario)
		ro_xw_attr(o, "scenario", ro_site_str(s, s->scenario));
	ro_xw_end(o);
	ro_xw_start(o, "horizon");
	ro_xw_attr_slot(o, "start", s, 0);
	ro_xw_attr_slot(o, "end", s, s->horizon.nslots);
	ro_xw_attr_ll(o, "slot-minutes", s->horizon.slot_min);
	ro_xw_attr_ll(o, "slots", s->horizon.nslots);
	ro_xw_end(o);
	ro_xw_start(o, "summary");
	ro_xw_attr(o, "starts", sched ? "schedule" : "first-opportunity");
	ro_xw_attr_ll(o, "clients", (long long)sim->n);
	ro_xw_attr_ll(o, "started", sim->started);
	ro_xw_attr_ll(o, "finished", sim->finished);
	ro_xw_attr_ll(o, "unfinished", sim->unfinished);
	ro_xw_attr_ll(o, "never", sim->never);
	ro_xw_attr_ll(o, "reboots", sim->reboots);
	ro_xw_attr_ll(o, "reboots-in-office-hours", sim->reboots_office);
	ro_xw_attr_ll(o, "clients-rebooting-in-office-hours",
		      sim->reboot_office_clients);
	ro_xw_attr_ll(o, "reboots-outside-windows", sim->reboots_outside);
	ro_xw_attr_ll(o, "overloaded-links", sim->overload_links);
	if (sim->finished > 0) {
		ro_xw_attr_ll(o, "finish-slot", sim->finish);
		ro_xw_attr_slot(o, "finish", s, sim->finish);
	}
	if (sim->with_plan) {
		ro_xw_attr_ll(o, "max-difference-slots", sim->max_diff);
		if (sim->max_diff_client >= 0) {
			ro_sim_client_name(s, sim->max_diff_client, buf,
					   sizeof buf);
			ro_xw_attr(o, "max-difference-client", buf);
		}
		ro_xw_attr_ll(o, "late", sim->late);
	}
	ro_xw_end(o);
}

static void links(struct ro_xw *o, const struct ro_site *s,
		  const struct ro_sim *sim)
{
	ro_xw_start(o, "links");
	for (size_t l = 0; l < s->nlinks; l++) {
		const struct ro_sim_link *lk = &sim->links[l];

		ro_xw_start(o, "link");
		ro_xw_attr(o, "id", ro_site_str(s, s->links[l].id));
		ro_xw_attr_ll(o, "peak-demand", lk->peak_demand);
		if (lk->peak_slot >= 0) {
			ro_xw_attr_ll(o, "peak-slot", lk->peak_slot);
			ro_xw_attr_slot(o, "peak-at", s, lk->peak_slot);
			ro_xw_attr_ll(o, "peak-usable", lk->peak_usable);
		}
		ro_xw_attr_ll(o, "overload-slots", lk->overload_slots);
		ro_xw_attr_ll(o, "overload-minutes", lk->overload_minutes);
		ro_xw_attr_ll(o, "bytes", lk->moved);
		ro_xw_end(o);
	}
	ro_xw_end(o);
}

static void clients(struct ro_xw *o, const struct ro_site *s,
		    const struct ro_sim *sim)
{
	char name[NAME_LEN];
	size_t i = 0;

	ro_xw_start(o, "clients");
	for (size_t r = 0; r < s->nclients && !o->failed; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			uint8_t fl = sim->flags[i];

			ro_xw_start(o, "client");
			ro_xw_attr(o, "id", ro_client_name(s, r, k, name,
							   sizeof name));
			ro_xw_attr(o, "outcome", fl & RO_SIM_NEVER ? "never"
						 : fl & RO_SIM_UNFINISHED
						 ? "unfinished" : "finished");
			if (sim->start[i] >= 0) {
				ro_xw_attr_ll(o, "start-slot", sim->start[i]);
				ro_xw_attr_slot(o, "start", s, sim->start[i]);
			}
			if (sim->end[i] >= 0) {
				ro_xw_attr_slot(o, "transfer-end", s,
						sim->xfer_end[i]);
				ro_xw_attr_ll(o, "end-slot", sim->end[i]);
				ro_xw_attr_slot(o, "end", s, sim->end[i]);
			}
			if (sim->with_plan && sim->plan_end[i] >= 0)
				ro_xw_attr_ll(o, "planned-end-slot",
					      sim->plan_end[i]);
			if (fl & RO_SIM_REBOOT_OFFICE)
				ro_xw_attr(o, "reboot-in-office-hours", "true");
			if (fl & RO_SIM_REBOOT_OUTSIDE)
				ro_xw_attr(o, "reboot-outside-windows", "true");
			ro_xw_end(o);
		}
	ro_xw_end(o);
}

int ro_sim_write_xml(const struct ro_site *s, const struct ro_sim *sim,
		     const char *sched, const char *path, struct ro_diag *d)
{
	static const char tail[] = "</simulation>\n";
	struct ro_xw o;
	xmlDocPtr doc = NULL;
	const char *text;
	size_t len;
	int rc;

	if (!s || !sim || !path || !d) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot write the simulation: "
				    "invalid argument");
		return RO_EARG;
	}
	if (ro_xw_open(&o) != RO_OK)
		return RO_ENOMEM;
	ro_xw_start(&o, "simulation");
	ro_xw_attr(&o, "version", "1");
	ro_xw_attr(&o, "generator", "rollout " RO_VERSION);
	header(&o, s, sim, sched);
	links(&o, s, sim);
	clients(&o, s, sim);
	ro_xw_end(&o);
	text = ro_xw_finish(&o, tail, &len);
	if (!text) {
		ro_xw_close(&o);
		return RO_ENOMEM;
	}
	/* a guard like plan's verification: never write what the schema
	 * would refuse */
	rc = ro_xml_parse(text, len, path, &doc, d);
	if (rc == RO_OK)
		rc = ro_xml_validate(doc, "simulation.xsd", path, d);
	if (rc == RO_OK)
		rc = ro_write_file_atomic(path, text, len, d);
	xmlFreeDoc(doc);
	ro_xw_close(&o);
	return rc;
}
