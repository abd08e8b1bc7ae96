"""The community-resource directory: organisations and the services they offer, shared by
every case, added by hand or imported from Open Referral (HSDS) packages (``store.resources``)."""
