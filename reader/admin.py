from django.contrib import admin

from .models import Article, ParagraphPair, Segment


class ParagraphPairInline(admin.TabularInline):
    model = ParagraphPair
    fields = ["position", "zh", "en"]
    extra = 0
    show_change_link = True


class SegmentInline(admin.TabularInline):
    model = Segment
    fields = ["position", "zh", "en"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "published", "hsk_level", "zh_chars", "updated"]
    list_filter = ["published", "hsk_level"]
    search_fields = ["title_en", "title_zh", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["hsk_level", "zh_chars", "created", "updated"]
    inlines = [ParagraphPairInline]


@admin.register(ParagraphPair)
class ParagraphPairAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "position"]
    list_select_related = ["article"]
    inlines = [SegmentInline]


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pair", "zh", "en"]
    list_select_related = ["pair__article"]
