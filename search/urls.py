from django.urls import path

from . import views

urlpatterns = [
    path("", views.staff_search, name="staff_search"),
    path("export.csv", views.search_export, name="search_export"),
    path("records/", views.search_records, name="search_records"),
    path("saved/", views.saved_search_create, name="saved_search_create"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
]
