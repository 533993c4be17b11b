"""Build a synthetic dvcli workspace for benchmarks: N members, N weeks of ~2 KB Vietnamese reports.

    python bench/make_workspace.py N_MEMBERS N_WEEKS [--seed S] [--out DIR]

The plan is the real data/plan.yaml (group size adjusted); the roster keeps the 11 real members
(leader and secretary included) and adds generated ones in generated units; each member has one
or two assignments; every week has one report per member covering every indicator kind, about 8%
submitted late, about 4% missing, and members on leave not reporting. The output is deterministic
for a seed and is accepted by ``dvcli check``. Files are written as text (no YAML dumper) so that
500,000 reports take minutes, not hours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_MEMBERS = 11

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Cao"]
MIDDLE = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thu", "Ngọc", "Quang", "Thanh", "Hồng", "Xuân", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo",
         "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Yến"]
PROVINCES = ["Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Bình Dương", "Đồng Nai",
             "Long An", "Khánh Hòa", "Đắk Lắk", "Gia Lai", "Lâm Đồng", "Quảng Nam", "Thừa Thiên Huế",
             "Nghệ An", "Thanh Hóa", "Tiền Giang", "An Giang", "Kiên Giang", "Bà Rịa - Vũng Tàu"]
WARDS = ["phường Bến Nghé", "phường Tân Định", "xã Tân Thông Hội", "phường Hòa Khánh Bắc",
         "xã Hòa Phước", "phường Linh Trung", "xã Đông Thạnh", "phường Ngọc Hà", "xã Phú Xuân",
         "phường Thảo Điền", "xã Bình Chánh", "phường An Khánh"]
OVERVIEW = [
    "Nhân dân trên địa bàn cơ bản đồng tình, ủng hộ các biện pháp phòng, chống dịch của Trung ương và địa phương.",
    "Đời sống của một bộ phận người lao động tự do, lao động mất việc làm gặp nhiều khó khăn do giãn cách kéo dài.",
    "Các tổ chức tôn giáo, chức sắc tôn giáo tích cực vận động tín đồ chấp hành quy định, tổ chức sinh hoạt tôn giáo trực tuyến.",
    "Tình hình an ninh trật tự được giữ vững; các hoạt động hỗ trợ người dân được triển khai kịp thời, đúng đối tượng.",
    "Cán bộ, đảng viên, đoàn viên, hội viên gương mẫu tham gia tiêm vắc-xin và các hoạt động thiện nguyện.",
    "Một số khu vực phong tỏa còn thiếu hụt nhu yếu phẩm cục bộ, việc đi lại của người dân còn nhiều bất tiện.",
]
THOUGHTS = [
    "Nhân dân mong muốn được tiêm đủ liều vắc-xin sớm, sớm trở lại sản xuất, kinh doanh.",
    "Người lao động mong được nhận hỗ trợ từ gói an sinh nhanh hơn, thủ tục đơn giản hơn.",
    "Một bộ phận người dân lo lắng về việc học tập của con em khi học trực tuyến kéo dài.",
    "Doanh nghiệp nhỏ, hộ kinh doanh kiến nghị gia hạn nộp thuế, giảm tiền thuê mặt bằng.",
    "Người dân đề nghị công khai minh bạch danh sách hộ được hỗ trợ tại tổ dân phố.",
]
RESULTS = [
    "Phối hợp với Mặt trận và các đoàn thể vận động nhân dân chấp hành nghiêm quy định giãn cách, thực hiện tốt thông điệp 5K.",
    "Tham mưu ban hành văn bản hướng dẫn công tác dân vận trong phòng, chống dịch; nắm tình hình nhân dân hằng ngày.",
    "Vận động các doanh nghiệp, nhà hảo tâm ủng hộ lương thực, thực phẩm, trang thiết bị y tế cho các địa phương.",
    "Củng cố, kiện toàn các Tổ COVID cộng đồng; hướng dẫn tổ theo dõi F0 điều trị tại nhà và hỗ trợ người dân khó khăn.",
    "Phối hợp với các cơ quan báo chí tuyên truyền gương người tốt, việc tốt, mô hình hay trong phòng, chống dịch.",
    "Làm việc với chức sắc, chức việc các tôn giáo về việc tạm dừng tổ chức lễ hội, sinh hoạt tôn giáo đông người.",
    "Nắm tình hình tư tưởng đồng bào dân tộc thiểu số, kịp thời phản ánh những vấn đề phát sinh lên cấp trên.",
]
MODELS = ["Tổ COVID cộng đồng", "Chợ 0 đồng", "Siêu thị mini 0 đồng", "ATM gạo", "Bếp ăn nghĩa tình",
          "Tổ xe nghĩa tình", "Túi an sinh tại nhà", "Gian hàng bình ổn giá lưu động"]
DIFFICULTIES = [
    "Nguồn lực hỗ trợ chưa đáp ứng đủ nhu cầu của người dân tại các khu vực phong tỏa kéo dài.",
    "Lực lượng tình nguyện viên mỏng, nhiều người đã tham gia liên tục nhiều tuần nên mệt mỏi.",
    "Việc đi lại để kiểm tra, nắm tình hình ở cơ sở còn hạn chế do quy định giãn cách.",
    "Dữ liệu về người được hỗ trợ giữa các cơ quan chưa thống nhất, còn trùng lặp.",
]
PROPOSALS = [
    ("Bộ Y tế", "Sớm phân bổ thêm vắc-xin cho các địa phương có nhiều khu công nghiệp và người lao động tập trung."),
    ("Bộ Lao động - Thương binh và Xã hội", "Đơn giản hóa thủ tục nhận hỗ trợ cho lao động tự do, lao động không có hợp đồng."),
    ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Tăng cường điều phối nguồn hàng cứu trợ giữa các địa phương."),
    ("Bộ Thông tin và Truyền thông", "Đẩy mạnh thông tin chính thống, xử lý nghiêm tin giả về vắc-xin và dịch bệnh."),
]
NEXT = [
    "Tiếp tục nắm tình hình nhân dân, kịp thời tham mưu giải quyết những vấn đề bức xúc.",
    "Theo dõi, hướng dẫn hoạt động của các Tổ COVID cộng đồng trên địa bàn được phân công.",
    "Phối hợp vận động nguồn lực hỗ trợ người dân khó khăn, bảo đảm đúng đối tượng.",
    "Tổng hợp mô hình hiệu quả, đề xuất nhân rộng.",
]


def fold(text: str) -> str:
    """An ASCII slug of a Vietnamese name (the same shape as dvcli's member ids)."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def block(text: str, indent: int) -> str:
    """A literal block scalar: prose is never mistaken for YAML syntax."""
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line for line in text.split("\n"))


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


class Generator:
    def __init__(self, members: int, weeks: int, seed: int, out: Path) -> None:
        self.n_members, self.n_weeks, self.out = max(members, REAL_MEMBERS), weeks, out
        self.rng = random.Random(seed)
        with (ROOT / "data" / "plan.yaml").open("rb") as handle:
            plan = yaml.load(handle, Loader=yaml.CSafeLoader)
        self.plan_text = (ROOT / "data" / "plan.yaml").read_text(encoding="utf-8")
        self.tasks = [item["id"] for section in plan["sections"] for item in section["items"] if item.get("task")]
        self.vocabulary = {kind: [term["id"] for term in plan["vocabulary"].get(kind, [])]
                           for kind in ("subjects", "fields", "areas")}
        self.indicators = plan["reporting"]["indicators"]
        self.start = plan["reporting"]["start"]
        with (ROOT / "data" / "members.yaml").open("rb") as handle:
            self.real = yaml.load(handle, Loader=yaml.CSafeLoader)

    # --- roster, plan, assignments --------------------------------------------------------

    def write_plan(self) -> None:
        text = self.plan_text.replace(f"  size: {REAL_MEMBERS}\n", f"  size: {self.n_members}\n", 1)
        (self.out / "data" / "plan.yaml").write_text(text, encoding="utf-8")

    def build_roster(self) -> None:
        rng = self.rng
        self.units = [dict(unit) for unit in self.real["units"]]
        self.members: list[dict[str, Any]] = [dict(member) for member in self.real["members"]]
        extra = self.n_members - len(self.members)
        n_units = max(1, extra // 50)
        for index in range(1, n_units + 1 if extra else 1):
            province = PROVINCES[index % len(PROVINCES)]
            self.units.append({"id": f"ban-dan-van-{fold(province)}-{index:04d}",
                               "name": f"Ban Dân vận {province} (đơn vị {index})"})
        generated_units = self.units[len(self.real["units"]):]
        seen = {fold(member["name"]) for member in self.members}
        for index in range(extra):
            base = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            # namesakes get a qualifier, as dvcli check asks ("Ngô Hồng Thắng (2)")
            name = base if fold(base) not in seen else f"{base} ({index + 1})"
            seen.add(fold(name))
            unit = generated_units[index % len(generated_units)]
            member: dict[str, Any] = {"id": f"{fold(base)}-{index + 1:05d}", "name": name,
                                      "position": f"Chuyên viên {unit['name']}", "unit": unit["id"],
                                      "role": "thanh-vien"}
            if rng.random() < 0.3:
                member["phone"] = f"09{rng.randrange(10**8):08d}"
            if rng.random() < 0.02 and self.n_weeks > 1:
                week = rng.randrange(self.n_weeks)
                first = self.week_start(week)
                member["leave"] = [{"start": first, "end": first + dt.timedelta(days=6), "reason": "Nghỉ phép"}]
            self.members.append(member)

    def write_roster(self) -> None:
        lines = ["# Danh sách sinh tự động cho benchmark (bench/make_workspace.py)", "units:"]
        for unit in self.units:
            lines.append(f"  - id: {unit['id']}")
            lines.append(f"    name: {quote(unit['name'])}")
            if unit.get("short"):
                lines.append(f"    short: {unit['short']}")
        lines.append("members:")
        for member in self.members:
            lines += [f"  - id: {member['id']}", f"    name: {member['name']}",
                      f"    position: {quote(member['position'])}", f"    unit: {member['unit']}",
                      f"    role: {member['role']}"]
            if member.get("phone"):
                lines.append(f"    phone: {quote(str(member['phone']))}")
            if member.get("email"):
                lines.append(f"    email: {member['email']}")
            for index, leave in enumerate(member.get("leave", [])):
                lines.append("    leave:" if index == 0 else "")
                lines += [f"      - start: {leave['start']}", f"        end: {leave['end']}"]
                if leave.get("reason"):
                    lines.append(f"        reason: {leave['reason']}")
        (self.out / "data" / "members.yaml").write_text("\n".join(line for line in lines if line) + "\n",
                                                         encoding="utf-8")

    def write_assignments(self) -> None:
        rng = self.rng
        self.assigned: dict[str, list[tuple[str, list[str], list[str], list[str]]]] = {}
        base = self.out / "data" / "assignments"
        for member in self.members:
            folder = base / member["id"]
            folder.mkdir(parents=True, exist_ok=True)
            tasks = rng.sample(self.tasks, k=1 if rng.random() < 0.6 else 2)
            covered = []
            for task in tasks:
                subjects = rng.sample(self.vocabulary["subjects"], k=2)
                fields = rng.sample(self.vocabulary["fields"], k=1)
                areas = rng.sample(self.vocabulary["areas"], k=1)
                covered.append((task, subjects, fields, areas))
                text = (f"member: {member['id']}\ntask: {task}\nstart: {self.start}\n"
                        f"subjects: {flow(subjects)}\nfields: {flow(fields)}\nareas: {flow(areas)}\n"
                        f"note: {quote('Phân công theo Kế hoạch số 16-KH/BDVTW')}\n")
                (folder / f"{task}_{self.start}.yaml").write_text(text, encoding="utf-8")
            self.assigned[member["id"]] = covered

    # --- reports --------------------------------------------------------------------------

    def week_start(self, index: int) -> dt.date:
        monday = self.start - dt.timedelta(days=self.start.weekday())
        return monday + dt.timedelta(weeks=index)

    def report(self, member: dict[str, Any], period: str, submitted: dt.datetime) -> str:
        rng = self.rng
        out = [f"member: {member['id']}", f"period: {period}", f"submitted: {submitted:%Y-%m-%d %H:%M}",
               "situation:",
               "  overview: " + block(" ".join(rng.sample(OVERVIEW, k=3)), 4),
               "  thoughts: " + block("\n\n".join(rng.sample(THOUGHTS, k=2)), 4),
               "results:"]
        for task, subjects, fields, areas in self.assigned[member["id"]]:
            out += [f"  - task: {task}", "    text: " + block(" ".join(rng.sample(RESULTS, k=2)), 6),
                    f"    subjects: {flow(subjects)}", f"    fields: {flow(fields)}", f"    areas: {flow(areas)}"]
        out.append("models:")
        model = rng.choice(MODELS)
        ward, province = rng.choice(WARDS), rng.choice(PROVINCES)
        out += [f"  - name: {model} {ward}", f"    place: {quote(f'{ward}, {province}')}",
                "    description: " + block(f"Mô hình do {ward} triển khai, huy động nhân dân cùng tham gia, "
                                            "hỗ trợ kịp thời người dân khó khăn.", 6),
                f"    area: {rng.choice(self.vocabulary['areas'])}",
                f"    replicate: {'true' if rng.random() < 0.3 else 'false'}"]
        out.append("difficulties:")
        out += [f"  - {text}" for text in rng.sample(DIFFICULTIES, k=2)]
        to, text = rng.choice(PROPOSALS)
        out += ["proposals:", f"  - to: {to}", f"    text: {text}", "next_tasks:"]
        out += [f"  - {text}" for text in rng.sample(NEXT, k=2)]
        out.append("indicators:")
        for indicator in self.indicators:
            if indicator.get("type") == "decimal":
                value = f"{rng.randrange(0, 500) / 10:.1f}"
            elif indicator["id"] == "tien-van-dong":
                value = str(rng.randrange(0, 500) * 100_000)
            else:
                value = str(rng.randrange(0, 60))
            out.append(f"  {indicator['id']}: {value}")
        return "\n".join(out) + "\n"

    def write_reports(self) -> int:
        rng, written = self.rng, 0
        for week_index in range(self.n_weeks):
            monday = self.week_start(week_index)
            year, week, _ = monday.isocalendar()
            folder = self.out / "data" / "reports" / f"{year}" / f"W{week:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            due = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(10, 0))
            sunday = monday + dt.timedelta(days=6)
            for member in self.members:
                if any(leave["start"] <= monday and sunday <= leave["end"] for leave in member.get("leave", [])):
                    continue
                roll = rng.random()
                if roll < 0.04 and member["role"] == "thanh-vien":
                    continue  # missing
                late = roll < 0.12
                submitted = due + dt.timedelta(hours=rng.randrange(1, 40)) if late else \
                    due - dt.timedelta(minutes=rng.randrange(30, 3 * 24 * 60))
                text = self.report(member, f"{year}-W{week:02d}", submitted)
                (folder / f"{member['id']}.yaml").write_text(text, encoding="utf-8")
                written += 1
        return written

    def run(self) -> int:
        if self.out.exists():
            shutil.rmtree(self.out)
        (self.out / "data").mkdir(parents=True)
        self.build_roster()
        self.write_plan()
        self.write_roster()
        self.write_assignments()
        return self.write_reports()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("members", type=int)
    parser.add_argument("weeks", type=int)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or ROOT / "bench" / ".work" / f"ws-{args.members}x{args.weeks}-s{args.seed}"
    written = Generator(args.members, args.weeks, args.seed, out).run()
    print(f"{out}: {max(args.members, REAL_MEMBERS)} members, {args.weeks} weeks, {written} reports", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
