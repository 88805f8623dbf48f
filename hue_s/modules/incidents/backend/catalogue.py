"""The kinds of problem citizens of Huế can report, with names, agencies and SLAs (hours)."""

from __future__ import annotations

from typing import Any

CONSTRUCTION = "Sở Xây dựng thành phố Huế"
HEPCO = "Công ty CP Môi trường và Công trình đô thị Huế (HEPCO)"
WARD_OFFICE = "UBND phường, xã (Đội Trật tự đô thị)"


def yes_no(code: str, vi: str, en: str, order: int) -> dict[str, Any]:
    """Return an optional yes/no attribute definition."""
    return {
        "code": code,
        "datatype": "singlevaluelist",
        "required": False,
        "order": order,
        "description_vi": vi,
        "description_en": en,
        "values": [
            {"key": "yes", "name_vi": "Có", "name_en": "Yes"},
            {"key": "no", "name_vi": "Không", "name_en": "No"},
        ],
    }


def number(code: str, vi: str, en: str, order: int) -> dict[str, Any]:
    """Return an optional number attribute definition."""
    return {
        "code": code,
        "datatype": "number",
        "required": False,
        "order": order,
        "description_vi": vi,
        "description_en": en,
    }


def service(
    code: str,
    names: tuple[str, str],
    descriptions: tuple[str, str],
    group: str,
    keywords: str,
    agency: str,
    sla: tuple[int, int, int],
    attributes: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Return one catalogue entry; sla is (high, normal, low) urgency in hours."""
    return {
        "code": code,
        "name_vi": names[0],
        "name_en": names[1],
        "description_vi": descriptions[0],
        "description_en": descriptions[1],
        "group": group,
        "keywords": keywords,
        "agency": agency,
        "sla_hours_high": sla[0],
        "sla_hours_normal": sla[1],
        "sla_hours_low": sla[2],
        "attributes": attributes or [],
    }


CATALOGUE: list[dict[str, Any]] = [
    service(
        "road_pothole",
        ("Ổ gà, hư hỏng mặt đường", "Pothole or damaged road"),
        ("Mặt đường bị lún, nứt, ổ gà gây nguy hiểm.", "Sunken, cracked or potholed road."),
        "roads",
        "ổ gà, mặt đường, pothole, road",
        CONSTRUCTION,
        (24, 72, 168),
        [
            {
                "code": "size",
                "datatype": "singlevaluelist",
                "required": False,
                "order": 10,
                "description_vi": "Kích thước ổ gà",
                "description_en": "Size of the pothole",
                "values": [
                    {"key": "small", "name_vi": "Nhỏ (< 30 cm)", "name_en": "Small (< 30 cm)"},
                    {"key": "medium", "name_vi": "Vừa", "name_en": "Medium"},
                    {"key": "large", "name_vi": "Lớn (> 1 m)", "name_en": "Large (> 1 m)"},
                ],
            }
        ],
    ),
    service(
        "street_lighting",
        ("Đèn đường hư hỏng", "Street light out"),
        ("Đèn chiếu sáng công cộng không sáng, chập chờn.", "Public light off or flickering."),
        "lighting",
        "đèn đường, chiếu sáng, street light",
        HEPCO,
        (24, 72, 120),
        [number("pole_count", "Số cột đèn không sáng", "Number of lights out", 10)],
    ),
    service(
        "waste",
        ("Rác thải, vệ sinh môi trường", "Waste and litter"),
        ("Rác chưa được thu gom, đổ trộm phế thải.", "Uncollected rubbish or illegal dumping."),
        "sanitation",
        "rác, phế thải, môi trường, waste, litter",
        HEPCO,
        (12, 24, 48),
    ),
    service(
        "drainage_flooding",
        ("Ngập úng, tắc cống thoát nước", "Flooding or blocked drain"),
        ("Đường ngập nước, cống, mương bị tắc.", "Flooded street, blocked drain or ditch."),
        "drainage",
        "ngập, cống, thoát nước, flood, drain",
        CONSTRUCTION,
        (6, 24, 72),
        [number("water_depth_cm", "Độ sâu nước ngập (cm)", "Water depth (cm)", 10)],
    ),
    service(
        "fallen_tree",
        ("Cây xanh gãy đổ, nguy hiểm", "Fallen or dangerous tree"),
        (
            "Cây đổ, cành gãy, cây nghiêng có nguy cơ đổ.",
            "Fallen tree, broken branch, leaning tree.",
        ),
        "trees",
        "cây đổ, cành gãy, tree, branch",
        "Trung tâm Công viên cây xanh Huế",
        (4, 24, 72),
        [yes_no("blocking_road", "Cây chắn đường?", "Is it blocking the road?", 10)],
    ),
    service(
        "illegal_construction",
        ("Xây dựng trái phép", "Illegal construction"),
        ("Công trình xây dựng không phép, sai phép.", "Building without or against a permit."),
        "urban_order",
        "xây dựng, trái phép, construction, permit",
        WARD_OFFICE,
        (24, 72, 168),
    ),
    service(
        "sidewalk_encroachment",
        ("Lấn chiếm vỉa hè, lòng đường", "Sidewalk encroachment"),
        ("Buôn bán, để xe, vật dụng trên vỉa hè.", "Stalls, vehicles or goods blocking sidewalks."),
        "urban_order",
        "vỉa hè, lấn chiếm, sidewalk, encroachment",
        WARD_OFFICE,
        (24, 72, 168),
    ),
    service(
        "traffic_signal",
        ("Đèn tín hiệu giao thông hỏng", "Traffic signal fault"),
        ("Đèn giao thông tắt, sai pha, biển báo hư.", "Traffic light off, wrong phase, sign down."),
        "roads",
        "đèn giao thông, biển báo, traffic light, sign",
        CONSTRUCTION,
        (4, 24, 72),
    ),
    service(
        "water_supply",
        ("Sự cố cấp nước", "Water supply problem"),
        ("Mất nước, vỡ ống, nước đục.", "No water, burst pipe or dirty water."),
        "utilities",
        "nước sạch, vỡ ống, water, pipe",
        "Công ty CP Cấp nước Thừa Thiên Huế (HUEWACO)",
        (6, 24, 72),
        [yes_no("burst_pipe", "Có vỡ ống không?", "Is a pipe burst?", 10)],
    ),
    service(
        "power_outage",
        ("Sự cố điện, dây điện nguy hiểm", "Power outage or hazard"),
        ("Mất điện, dây điện rơi, trụ điện nghiêng.", "Power cut, fallen wire, leaning pole."),
        "utilities",
        "mất điện, dây điện, power, wire",
        "Công ty Điện lực Huế",
        (4, 24, 48),
    ),
    service(
        "noise",
        ("Tiếng ồn, karaoke gây ồn", "Noise"),
        ("Karaoke, loa, công trình gây ồn ngoài giờ.", "Karaoke, loudspeakers, night works."),
        "public_order",
        "tiếng ồn, karaoke, noise",
        "Công an phường, xã",
        (2, 24, 72),
    ),
    service(
        "food_safety",
        ("An toàn thực phẩm", "Food safety"),
        ("Cơ sở mất vệ sinh, thực phẩm bẩn.", "Unhygienic premises or unsafe food."),
        "health",
        "thực phẩm, vệ sinh, food, hygiene",
        "Chi cục An toàn vệ sinh thực phẩm Huế",
        (12, 48, 120),
    ),
    service(
        "heritage_damage",
        ("Xâm hại di tích", "Damage to heritage sites"),
        ("Di tích bị xuống cấp, xâm hại, vẽ bậy.", "Heritage site damaged, encroached or defaced."),
        "heritage",
        "di tích, kinh thành, heritage, citadel",
        "Trung tâm Bảo tồn Di tích Cố đô Huế",
        (24, 72, 168),
    ),
    service(
        "riverbank_erosion",
        ("Sạt lở bờ sông, bờ biển", "Riverbank or coastal erosion"),
        ("Sạt lở bờ sông, bờ biển, đồi núi.", "Erosion of river banks, coast or hillsides."),
        "disaster",
        "sạt lở, bờ sông, erosion, landslide",
        "Ban Chỉ huy Phòng chống thiên tai và TKCN thành phố Huế",
        (4, 24, 72),
    ),
    service(
        "disaster_help",
        ("Cần cứu trợ khi thiên tai", "Help needed in a disaster"),
        (
            "Người dân cần giúp đỡ khẩn cấp trong lúc có cảnh báo lũ, bão, sạt lở.",
            "Someone needs urgent help during a flood, storm or landslide warning.",
        ),
        "disaster",
        "cứu trợ, cứu hộ, lũ, bão, help, rescue, flood, storm",
        "Ban Chỉ huy Phòng chống thiên tai và TKCN thành phố Huế",
        (2, 2, 4),
        [
            number("alert_id", "Mã cảnh báo liên quan", "Id of the alert it belongs to", 10),
            number("people_count", "Số người cần giúp", "How many people need help", 11),
        ],
    ),
]
"""Each entry's code is the Open311 service_code and must never change once published."""
