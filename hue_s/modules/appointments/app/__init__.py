"""Appointments in the app: book a time at the ward office, my bookings with a reminder, the
kiosk's queue number, the ward's queue with "call the next number", and the office's screen."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.modules.appointments.app.reminder import setup, soon_badge
from hue_s.modules.appointments.app.view_book import build_book, build_reschedule
from hue_s.modules.appointments.app.view_mine import build_mine
from hue_s.modules.appointments.app.view_queue import build_display, build_kiosk
from hue_s.modules.appointments.app.view_staff import build_queue

manifest = Manifest(
    id="appointments",
    title=N_("Book an appointment"),
    description=N_("Book a time at your ward office, take a queue number, see the numbers called."),
    icon=ft.Icons.EVENT_AVAILABLE,
    group="services",
    order=36,
    setup=setup,
    badge=soon_badge,
    routes=(
        ModuleRoute("/appointments", build_mine),
        ModuleRoute("/appointments/book", build_book),
        ModuleRoute("/appointments/reschedule/:id(\\d+)", build_reschedule),
        ModuleRoute("/appointments/kiosk", build_kiosk),
        ModuleRoute("/appointments/queue", build_queue),
        ModuleRoute("/appointments/display/:ward(\\d{5})", build_display),
    ),
)
