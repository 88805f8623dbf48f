"""VN_AQI bands in plain words: their official names and the decision's health advice."""

from __future__ import annotations

from hue_s.app.i18n import N_

NAMES = {
    "good": N_("Good"),
    "moderate": N_("Moderate"),
    "poor": N_("Poor"),
    "bad": N_("Bad"),
    "very_bad": N_("Very bad"),
    "hazardous": N_("Hazardous"),
}
"""Tốt, Trung bình, Kém, Xấu, Rất xấu, Nguy hại (Decision 1459/QĐ-TCMT, table 2)."""
EVERYONE = {
    "good": N_("Enjoy outdoor activities as usual."),
    "moderate": N_("Outdoor activities as usual."),
    "poor": N_("If your eyes sting or you cough or have a sore throat, do less outdoors."),
    "bad": N_("Cut down on strenuous activity outdoors and rest more indoors."),
    "very_bad": N_(
        "Keep outdoor activity to a minimum and move it indoors; wear a proper mask outside."
    ),
    "hazardous": N_(
        "Stay indoors with doors and windows shut; wear a proper mask if you must go out."
    ),
}
SENSITIVE = {
    "good": N_("Enjoy outdoor activities as usual."),
    "moderate": N_("Watch for coughing or shortness of breath; outdoor activities are still fine."),
    "poor": N_(
        "Do less strenuous activity and spend less time outdoors; "
        "people with asthma may need their medicine more often."
    ),
    "bad": N_("Stay indoors and avoid strenuous activity; wear a proper mask if you must go out."),
    "very_bad": N_("Avoid all outdoor activity."),
    "hazardous": N_("Avoid all outdoor activity."),
}
"""For children, older people, pregnant women and people with heart or lung disease."""
POLLUTANTS = {
    "pm2_5": N_("Fine dust PM2.5"),
    "pm10": N_("Dust PM10"),
    "ozone": N_("Ozone"),
    "nitrogen_dioxide": N_("Nitrogen dioxide"),
    "sulphur_dioxide": N_("Sulphur dioxide"),
    "carbon_monoxide": N_("Carbon monoxide"),
}
DARK_TEXT = frozenset({"good", "moderate", "poor"})
"""Bands whose colour is light: black text on them, white on the others."""
