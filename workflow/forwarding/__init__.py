"""Forwarding and review: forwardings, personal links, the bodies' reports, review rounds, accountability, exports."""
